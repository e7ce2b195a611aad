export { createQuoteService, type QuoteService } from './quotes.service';
export { quoteRoutes } from './quotes.routes';
