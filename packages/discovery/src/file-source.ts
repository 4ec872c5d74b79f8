/**
 * Where compose files are read from: the local disk, or a remote host through its engine
 * client's `run(argv)`. Discovery never touches `node:fs` directly, so one parser serves both.
 */
export interface FileSource {
  /** The file's text, or undefined when it does not exist. */
  readText(path: string, signal?: AbortSignal): Promise<string | undefined>;
  /** The names of a directory's entries, or undefined when the directory does not exist. */
  list(dir: string, signal?: AbortSignal): Promise<string[] | undefined>;
}
