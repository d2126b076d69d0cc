/**
 * A problem with the command line or the files it names: printed without a stack, exit code 2.
 * In a module of its own so that the program can catch it without loading any command.
 */
export class UsageError extends Error {}
