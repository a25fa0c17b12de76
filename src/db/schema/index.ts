export * from './content.js';
export * from './news.js';
