// The editors' preview (bulletin/preview): reloads this page when the preview server has a new
// build, and shows what a failed build reported. The preview server adds this script to the
// pages it sends; it is never part of the site.
(() => {
  const shown = Number(document.currentScript.dataset.version);
  const events = new EventSource("/__preview/events");
  let banner = null;

  events.onmessage = (message) => {
    const state = JSON.parse(message.data);
    if (state.version !== shown) {
      events.close();
      location.reload();
      return;
    }
    showErrors(state.errors);
  };

  // Built with the DOM, never from HTML: an error message may quote any text of an article.
  function showErrors(errors) {
    if (banner) banner.remove();
    banner = null;
    if (!errors.length) return;
    banner = document.createElement("section");
    banner.id = "preview-errors";
    banner.setAttribute("role", "alert");
    banner.style.cssText =
      "position:fixed;inset:0 0 auto 0;z-index:2147483647;max-height:50vh;overflow:auto;" +
      "margin:0;padding:0.75em 1em;background:#fff3f0;color:#5c0a00;" +
      "border-bottom:3px solid #c0392b;font:14px/1.5 system-ui,sans-serif;";
    const title = document.createElement("strong");
    title.textContent =
      "构建出错：这里显示的是上一次成功的构建（build error: the last good build is shown）";
    const list = document.createElement("ul");
    list.style.cssText = "margin:0.5em 0 0;padding-left:1.25em;";
    for (const error of errors) {
      const item = document.createElement("li");
      const place = document.createElement("code");
      place.textContent = error.line ? `${error.file}:${error.line}` : error.file;
      item.append(place, place.textContent ? " " : "", error.message);
      list.append(item);
    }
    banner.append(title, list);
    document.body.append(banner);
  }
})();
