/** Invalid configuration: one line naming every problem, exit code 2 (shared/PRODUCT.md). */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
