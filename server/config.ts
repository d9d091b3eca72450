// Server configuration, from environment variables (see README, "Running the server").
import { resolve } from 'node:path';

export interface ServerConfig {
  host: string;
  port: number;
  /** Folder of the built app to serve; null serves the API alone. */
  staticDir: string | null;
  logLevel: string;
}

export function loadConfig(env: NodeJS.ProcessEnv): ServerConfig {
  return {
    host: env.HOST ?? '127.0.0.1',
    port: Number(env.PORT ?? 8080),
    staticDir: env.PELITA_STATIC === '' ? null : resolve(env.PELITA_STATIC ?? 'dist'),
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}
