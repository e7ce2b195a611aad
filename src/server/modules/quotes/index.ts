export { createQuoteService, lockQuoteForConversion, markQuoteConverted, type QuoteService } from './quotes.service';
export { quoteRoutes } from './quotes.routes';
