// Lists that page through the API's lastEvaluatedKey, one "more" button at a time.
import { get } from "./api.js";
import { append, moreButton, replace } from "./dom.js";

/**
 * Appends a page of `path` to `list`, one `render(entry)` per entry of `data[key]`; while the API
 * reports more, `more` holds a button that loads the next page the same way.
 */
export async function loadPages(list, more, source, cursor = null) {
  const { path, query = {}, key = "items", render } = source;
  const data = await get(path, { ...query, lastEvaluatedKey: cursor });
  append(list, data[key].map(render));
  replace(more);
  if (data.lastEvaluatedKey) moreButton(more, () => loadPages(list, more, source, data.lastEvaluatedKey));
}
