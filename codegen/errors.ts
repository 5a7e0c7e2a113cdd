/** A generation failure: names the file and, where there is one, the definition at fault. */
export class GenerateError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly definition?: string,
  ) {
    super(`${file}${definition ? ` (definition ${definition})` : ""}: ${message}`);
    this.name = "GenerateError";
  }
}
