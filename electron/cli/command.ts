/** What every CLI command module exports; the CLI is a thin layer over the services. */
export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

export interface CliCommand {
  name: string;
  /** Full usage text for `factdesk <name> --help`. */
  usage: string;
  /** Returns the process exit code: 0 ok, 1 failure found (e.g. a check failed), 2 usage or input error. */
  run(argv: string[], io: CliIo): Promise<number>;
}
