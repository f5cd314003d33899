// The REST API on the same origin. Errors come back as {"message","code","details"?}; ApiError
// carries them, and a 429's Retry-After in seconds.
import { t } from "./i18n.js";

const TOKEN_KEY = "alpaco.idToken";

export class ApiError extends Error {
  constructor(message, status, code, { details = null, retryAfter = null } = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
    this.retryAfter = retryAfter;
  }
}

export function getToken() {
  return localStorage.getItem(TOKEN_KEY);
}

export function setToken(token) {
  if (token) localStorage.setItem(TOKEN_KEY, token);
  else localStorage.removeItem(TOKEN_KEY);
}

export async function request(method, path, { query, body } = {}) {
  const url = new URL(path, window.location.origin);
  for (const [name, value] of Object.entries(query || {})) {
    if (value !== null && value !== undefined && value !== "") url.searchParams.set(name, value);
  }
  const response = await send(url, method, body, "application/json");
  const data = await readJson(response);
  if (!response.ok) throw refused(response, data);
  return data;
}

/**
 * POSTs `body` and returns the response once it is known to be the event stream: a refusal
 * before the stream (JSON, as every error) is thrown as an ApiError. Aborting `signal` ends the
 * request, and with it the server's work; the AbortError then reaches the caller as it is.
 */
export async function openStream(path, body, signal) {
  const response = await send(new URL(path, window.location.origin), "POST", body, "text/event-stream", signal);
  if (response.ok && response.body) return response;
  throw refused(response, await readJson(response));
}

async function send(url, method, body, accept, signal) {
  const headers = { Accept: accept };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const token = getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    return await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(t("api.network"), 0, "network");
  }
}

function refused(response, data) {
  if (response.status === 401 && getToken()) window.dispatchEvent(new CustomEvent("alpaco:unauthorized"));
  const retryAfter = Number.parseInt(response.headers.get("Retry-After") ?? "", 10);
  return new ApiError(data?.message || t("api.failed", { status: response.status }), response.status, data?.code, {
    details: data?.details ?? null,
    retryAfter: Number.isFinite(retryAfter) ? retryAfter : null,
  });
}

async function readJson(response) {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export const get = (path, query) => request("GET", path, { query });
export const post = (path, body) => request("POST", path, { body: body ?? {} });
export const patch = (path, body) => request("PATCH", path, { body: body ?? {} });
export const del = (path) => request("DELETE", path);
