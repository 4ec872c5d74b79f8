import { describe, expect, it } from 'vitest';
import { isSecretKeyName } from './secret-key.js';

describe('isSecretKeyName', () => {
  it.each([
    'PASSWORD',
    'db_password',
    'dbPassword',
    'PGPASSWORD',
    'MYSQL_PWD',
    'client_secret',
    'NEXTAUTH_SECRET',
    'GITHUB_TOKEN',
    'x-api-key',
    'apiKey',
    'APIKEY',
    'PRIVATE_KEY',
    'AWS_ACCESS_KEY_ID',
    'GOOGLE_APPLICATION_CREDENTIALS',
    'REDISCLI_AUTH',
    'Authorization',
    'SENTRY_DSN',
    'SSH_PASSPHRASE',
    'ENCRYPTION_KEY',
    'ROOT_PW',
    'db_pw',
    'GITHUB_PAT',
    'GH_PAT',
    'SLACK_WEBHOOK_URL',
    'discordWebhook',
    'password',
    'api-key',
    'privateKey',
    'secretKey',
    'accessKey',
    'token',
    'JWT_SECRET',
    'hostKey',
    'SSH_KEY',
    'STRIPE_KEY_LIVE',
  ])('%s is secret', (key) => {
    expect(isSecretKeyName(key)).toBe(true);
  });

  it.each([
    'PWD',
    'OLDPWD',
    'PATH',
    'HOME',
    'GIT_AUTHOR_NAME',
    'key',
    'KEY_NAME',
    'MONKEY',
    'USER',
    'PGDATA',
    'AUTHOR',
    'SPATIAL_INDEX',
    'PATTERN',
    'POWER',
    'URL',
    // Settings about a key, paths to one and database keys: masking them hides advice
    // like "set hostKeyPolicy: accept-new".
    'hostKeyPolicy',
    'keyPolicy',
    'StrictHostKeyChecking',
    'knownHostsFile',
    'identityFile',
    'PRIVATE_KEY_FILE',
    'privateKeyPath',
    'keyType',
    'KEY_ALGORITHM',
    'primaryKey',
    'foreign_key',
  ])('%s is not secret', (key) => {
    expect(isSecretKeyName(key)).toBe(false);
  });

  it('takes extra patterns', () => {
    expect(isSecretKeyName('LICENSE_CODE', ['license'])).toBe(true);
    expect(isSecretKeyName('PIN', [/^PIN$/])).toBe(true);
  });
});
