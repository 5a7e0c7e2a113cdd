import { ErrorCode, McpError } from "../protocol/errors.js";

/**
 * Follows `nextCursor` from page to page and gathers every item. A cursor seen before means the
 * server is looping: that is an error rather than an endless walk.
 */
export async function collectPages<R extends { nextCursor?: string }, T>(
  page: (cursor: string | undefined) => Promise<R>,
  items: (result: R) => readonly T[],
): Promise<T[]> {
  const all: T[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (;;) {
    const result = await page(cursor);
    all.push(...items(result));
    cursor = result.nextCursor;
    if (cursor === undefined) return all;
    if (seen.has(cursor))
      throw new McpError(
        ErrorCode.InternalError,
        `the server repeated the cursor ${JSON.stringify(cursor)}: pagination stopped`,
      );
    seen.add(cursor);
  }
}
