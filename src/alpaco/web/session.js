// Who is signed in. The dev identity provider issues the token; /auth/me says whose it is.
import { get, getToken, post, setToken } from "./api.js";

const listeners = new Set();
export const session = { me: null };

export function onSessionChange(listener) {
  listeners.add(listener);
}

function changed() {
  for (const listener of listeners) listener(session.me);
}

export async function restore() {
  if (!getToken()) return;
  try {
    session.me = await get("/auth/me");
  } catch {
    setToken(null);
    session.me = null;
  }
}

export async function signIn(username, nickname) {
  const body = { username };
  if (nickname) body.nickname = nickname;
  const { idToken } = await post("/auth/dev/token", body);
  setToken(idToken);
  try {
    session.me = await get("/auth/me");
  } catch (error) {
    setToken(null);
    throw error;
  }
  changed();
}

export function signOut() {
  setToken(null);
  session.me = null;
  changed();
}

export const displayName = (me) => (me ? me.nickname || me.username : "");

window.addEventListener("alpaco:unauthorized", () => {
  if (session.me) signOut();
});
