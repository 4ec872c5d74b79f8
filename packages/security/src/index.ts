// Public API of @berth/security.
export { quoteShellArg, shellJoin } from './shell-quote.js';
