import anyAsciiImpl from 'any-ascii';

/** Romanises any script to plain ASCII (trigram keys behave the same on PGlite and PostgreSQL). */
export const anyAscii = (text: string): string => anyAsciiImpl(text);
