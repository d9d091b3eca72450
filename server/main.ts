// `npm start`: serves the built app (dist/) and the reference upstream API from one process on one port.
import { buildServer } from './app';
import { loadConfig } from './config';

const config = loadConfig(process.env);
const app = await buildServer(config);

const shutdown = async (signal: string) => {
  app.log.info({ signal }, 'shutting down');
  await app.close();
  process.exit(0);
};
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));

await app.listen({ host: config.host, port: config.port });
