// The continuous double auction order book: id-level API, kernel-level batch API, kernel twin and a seeded stream.
export * from './order-book.js';
export { OrderBookKernel } from './order-book-kernel.js';
export type { BookBatch, BookEngineName, BookEventSink, BookStateViews } from './order-book-kernel.js';
export { bookSubmitBatch, BOOK_EVENT, BOOK_EVENT_STRIDE, BOOK_META, BOOK_OP, BOOK_REJECT_REASON } from './order-book-baseline.js';
export { randomOrderStream, type OrderStream, type OrderStreamOptions } from './random-order-stream.js';
