export * from './content.js';
export * from './news.js';
export * from './daily.js';
