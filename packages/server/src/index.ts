export { createApiApp } from './app.ts';
export { createHttpApp, startServer, type RunningServer } from './server.ts';
export { HTTP_STATUS } from './errors.ts';
