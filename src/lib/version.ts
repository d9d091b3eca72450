// Which build this is, set at build time by vite.config.ts (`define`, from PELITA_BUILD_ID or the package
// version and build time). Unit tests run without the define, so they see 'dev'.
declare const __APP_VERSION__: string | undefined;

export const APP_VERSION: string = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev';
