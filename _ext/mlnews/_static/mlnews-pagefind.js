// The search page (search.html?q=…&sort=date): a small front end over Pagefind's
// client (pagefind.js, its worker and WebAssembly, and the index chunks of the
// query's words). Pagefind's own UI is not loaded: at 520 weeks it was 134 KB of
// a query's 330–450 KB. The page's markup is mlnews/search.html; this fills in
// the results, the filters and the counts, in the texts the template gives it.
(() => {
  "use strict";
  const root = document.getElementById("mlnews-search");
  if (!root) return;
  const text = JSON.parse(root.dataset.texts);
  const form = root.querySelector("form.mlnews-search-form");
  const field = root.querySelector("input.mlnews-search-field");
  const message = root.querySelector(".mlnews-search-message");
  const list = root.querySelector("ol.mlnews-search-results");
  const more = root.querySelector("button.mlnews-search-more");
  const filterBox = root.querySelector(".mlnews-search-filters");
  const PAGE = 5; // results shown at first and added by "more"
  const SUB_RESULTS = 3; // sections of a page shown under it

  const params = new URLSearchParams(window.location.search);
  const newest = params.get("sort") === "date";
  const chosen = {}; // filter name -> Set of values
  let shown = 0;
  let current = null; // the latest search's results
  let generation = 0; // a newer search makes an older one's answers stale

  // "Best match / Newest first": the same address with and without &sort=date.
  const orderLinks = () => {
    for (const [id, sort, isCurrent] of [["mlnews-search-relevance", "", !newest], ["mlnews-search-newest", "date", newest]]) {
      const a = document.getElementById(id);
      if (!a) continue;
      const next = new URLSearchParams(window.location.search);
      if (sort) next.set("sort", sort); else next.delete("sort");
      a.href = `?${next.toString()}`;
      if (isCurrent) a.setAttribute("aria-current", "true");
    }
  };

  // The address keeps the query (and the order): a reload or a shared link shows the same results.
  const remember = (query) => {
    const next = new URLSearchParams(window.location.search);
    if (next.get("q") === query) return;
    next.set("q", query);
    history.replaceState(null, "", `?${next.toString()}`);
    orderLinks();
  };

  const fill = (template, values) => template.replace(/\{(\w+)\}/g, (all, key) => (key in values ? String(values[key]) : all));

  // Pagefind's excerpts are HTML: the page's text (escaped) with <mark> around matches.
  // Keep the text and the marks only.
  const excerpt = (html) => {
    const out = document.createDocumentFragment();
    const parsed = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html").body.firstChild;
    for (const node of parsed ? parsed.childNodes : []) {
      if (node.nodeType === Node.ELEMENT_NODE && node.tagName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.append(mark);
      } else {
        out.append(document.createTextNode(node.textContent));
      }
    }
    return out;
  };

  const element = (tag, className, ...children) => {
    const made = document.createElement(tag);
    if (className) made.className = className;
    made.append(...children);
    return made;
  };

  const link = (url, title) => {
    const a = element("a", "mlnews-search-result-link", title);
    a.href = url;
    return a;
  };

  const render = (data) => {
    const item = element("li", "mlnews-search-result");
    item.append(element("p", "mlnews-search-result-title", link(data.url, data.meta.title || data.url)));
    item.append(element("p", "mlnews-search-result-excerpt", excerpt(data.excerpt)));
    const sections = (data.sub_results || []).filter((sub) => sub.url !== data.url).slice(0, SUB_RESULTS);
    if (sections.length) {
      const subs = element("ul", "mlnews-search-subresults");
      for (const sub of sections) {
        subs.append(element("li", "mlnews-search-subresult", link(sub.url, sub.title), element("p", "mlnews-search-result-excerpt", excerpt(sub.excerpt))));
      }
      item.append(subs);
    }
    return item;
  };

  const showMore = async (mine) => {
    const next = current.results.slice(shown, shown + PAGE);
    shown += next.length;
    const loaded = await Promise.all(next.map((result) => result.data()));
    if (mine !== generation) return;
    for (const data of loaded) list.append(render(data));
    more.hidden = shown >= current.results.length;
  };

  const filterOptions = () => {
    const filters = {};
    for (const [name, values] of Object.entries(chosen)) {
      if (values.size) filters[name] = { any: [...values] };
    }
    return filters;
  };

  const updateCounts = (counts) => {
    for (const input of filterBox.querySelectorAll("input[type=checkbox]")) {
      const count = (counts[input.name] || {})[input.value] || 0;
      input.closest("label").querySelector(".mlnews-search-filter-count").textContent = `(${count})`;
    }
  };

  let pagefind = null;

  const search = async () => {
    const query = field.value.trim();
    const mine = ++generation;
    list.replaceChildren();
    more.hidden = true;
    shown = 0;
    root.dataset.state = "searching";
    if (!query) {
      message.textContent = "";
      root.dataset.state = "idle";
      delete root.dataset.count;
      return;
    }
    remember(query);
    message.textContent = fill(text.searching, { query });
    const options = { filters: filterOptions(), ...(newest ? { sort: { date: "desc" } } : {}) };
    const found = await pagefind.search(query, options);
    if (mine !== generation || found === null) return;
    current = found;
    const count = found.results.length;
    updateCounts(found.filters || {});
    await showMore(mine);
    if (mine !== generation) return;
    message.textContent = count ? fill(count === 1 ? text.one : text.many, { query, count }) : fill(text.none, { query });
    root.dataset.count = String(count);
    root.dataset.state = "done";
  };

  const buildFilters = (available) => {
    for (const [name, values] of Object.entries(available)) {
      const entries = Object.keys(values).sort((a, b) => (name === "year" ? b.localeCompare(a) : a.localeCompare(b, "ja")));
      if (!entries.length) continue;
      chosen[name] = new Set();
      const block = element("details", "mlnews-search-filter");
      block.dataset.filter = name;
      const label = text.filters[name] || name;
      block.append(element("summary", "", label));
      const group = element("fieldset", "mlnews-search-filter-values", element("legend", "mlnews-search-filter-legend", label));
      for (const value of entries) {
        const box = element("input", "mlnews-search-filter-checkbox");
        box.type = "checkbox";
        box.name = name;
        box.value = value;
        box.addEventListener("change", () => {
          if (box.checked) chosen[name].add(value); else chosen[name].delete(value);
          search();
        });
        group.append(element("label", "mlnews-search-filter-value", box, ` ${value} `, element("span", "mlnews-search-filter-count", "")));
      }
      block.append(group);
      filterBox.append(block);
    }
    filterBox.hidden = !filterBox.children.length;
  };

  const start = async () => {
    orderLinks();
    const bundle = new URL(root.dataset.bundle, document.baseURI).href;
    // Pagefind finds its bundle (and the pages' base address) from this module's own URL.
    pagefind = await import(`${bundle}pagefind.js`);
    await pagefind.init();
    buildFilters(await pagefind.filters());
    field.value = params.get("q") || "";
    if (field.value) {
      await search();
    } else {
      root.dataset.state = "idle";
      field.focus();
    }
    let typing = null;
    field.addEventListener("input", () => {
      clearTimeout(typing);
      typing = setTimeout(search, 300);
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      clearTimeout(typing);
      search();
    });
    more.addEventListener("click", () => showMore(generation));
  };

  start().catch((error) => {
    root.dataset.state = "failed";
    message.textContent = text.failed;
    console.error(error);
  });
})();
