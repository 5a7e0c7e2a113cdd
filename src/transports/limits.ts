/** The message-size defaults every transport shares: one for what a server accepts, one for what a client does. */

/**
 * The largest message a server accepts from a client in one piece unless told otherwise, on every
 * transport: an HTTP POST body (Streamable HTTP and legacy SSE), a WebSocket message, a stdio line.
 * Each transport has its own option to raise it. It is also the default of the decoders here.
 */
export const DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

/**
 * The largest message a client accepts from a server unless told otherwise (a stdio line, a WebSocket
 * message): larger than a server's limit, since a resource read or a tool result can rightly be big.
 */
export const DEFAULT_CLIENT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
