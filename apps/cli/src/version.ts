/** The CLI's version; `berth --version` prints it before loading anything else. */
export const CLI_VERSION = '0.0.0';
