/**
 * The password a redis-server command line sets (`redis-server --requirepass secret`, as
 * compose files often start redis), or undefined. The last one wins, as in redis.
 */
export function requirepassArgument(argv: readonly string[]): string | undefined {
  let found: string | undefined;
  for (const [i, arg] of argv.entries()) {
    if (arg === '--requirepass' && argv[i + 1] !== undefined) found = argv[i + 1];
    else if (arg.startsWith('--requirepass=')) found = arg.slice('--requirepass='.length);
  }
  return found === '' ? undefined : found;
}
