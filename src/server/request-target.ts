/**
 * The absolute URL a request was sent to, as a DPoP proof's `htu` is compared with it: origin and
 * path, without query and fragment, after URL normalisation (RFC 9449 §4.3 step 9).
 */
export class RequestTarget {
  /** The URL as given, up to its query or fragment. */
  readonly #base: string;
  readonly #href: string;
  #url: URL | undefined;

  /** @throws {TypeError} `url` is not an absolute URL. */
  constructor(url: string | URL) {
    let href: string;
    if (typeof url === 'string') {
      if (!URL.canParse(url)) throw new TypeError('not an absolute URL');
      href = url;
    } else {
      this.#url = new URL(url);
      href = this.#url.href;
    }
    this.#href = href;
    const query = href.indexOf('?');
    const fragment = href.indexOf('#');
    const end = query < 0 ? fragment : fragment < 0 ? query : Math.min(query, fragment);
    this.#base = end < 0 ? href : href.slice(0, end);
  }

  /**
   * True when `htu` names this target. A client sends back the URL it called, so the strings are
   * usually equal, and equal strings parse alike (the parser ends origin and path at the first
   * `?` or `#`); anything else is compared parsed.
   */
  matches(htu: unknown): boolean {
    if (typeof htu !== 'string') return false;
    if (htu === this.#base) return true;
    let claimed: URL;
    try {
      claimed = new URL(htu);
    } catch {
      return false;
    }
    this.#url ??= new URL(this.#href);
    return claimed.origin === this.#url.origin && claimed.pathname === this.#url.pathname;
  }
}
