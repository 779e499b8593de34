// Request bodies for the tenant's own routes (the edge, the login page, the My Account API),
// read with a size limit.

const LIMIT = 56 * 1024;

/**
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<string>}
 */
export async function readText(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > LIMIT) throw new RangeError('request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** @param {import('node:http').IncomingMessage} req */
export async function readForm(req) {
  return new URLSearchParams(await readText(req));
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<Record<string, unknown>>}
 */
export async function readJsonObject(req) {
  const text = await readText(req);
  const body = text ? JSON.parse(text) : {};
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new SyntaxError('the body must be a JSON object');
  return body;
}
