export * from './content.js';
export * from './news.js';
export * from './daily.js';
export * from './access.js';
export * from './mail.js';
