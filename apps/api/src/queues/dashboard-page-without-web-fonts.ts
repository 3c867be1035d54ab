import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

const WEB_FONT_LINK = /<link\b[^>]*\bhref="https:\/\/fonts\.googleapis\.com\/[^"]*"[^>]*>\s*/g;

const withoutWebFonts = (html: string): string => html.replace(WEB_FONT_LINK, '');

/**
 * bull-board's page links IBM Plex from Google Fonts: offline its first paint waits for that request
 * to fail, online the request tells Google who opens the dashboard. Without it the page's CSS falls back to the system fonts.
 * bull-board renders only its page with `res.render`; its scripts, styles and API pass untouched.
 */
@Injectable()
export class DashboardPageWithoutWebFonts implements NestMiddleware {
  use(request: Request, response: Response, next: NextFunction): void {
    const render = response.render.bind(response);
    response.render = (view: string, options?: object) =>
      render(view, options, (error, html) => (error ? request.next?.(error) : response.send(withoutWebFonts(html))));
    next();
  }
}
