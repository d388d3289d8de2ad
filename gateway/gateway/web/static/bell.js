// The header bell: asks for the unread count when the page loads, then every 30 seconds and
// whenever the tab comes back into view, and shows it without reloading the page. A failed
// answer (the notifications service down, the session over) leaves the bell as it was.
(function () {
  "use strict";
  var bell = document.querySelector("a.bell[data-count-url]");
  if (!bell) return;
  // Rendered at the end of the page (base.html includes it last); it belongs in the header.
  var tools = document.querySelector("header.top .tools");
  if (tools) tools.insertBefore(bell, tools.firstChild);
  var badge = bell.querySelector("[data-unread]");
  var label = bell.getAttribute("aria-label");
  var EVERY_MS = 30000;

  function show(unread) {
    badge.textContent = unread > 99 ? "99+" : String(unread);
    badge.hidden = unread === 0;
    bell.dataset.unread = String(unread);
    bell.setAttribute("aria-label", unread ? label + " (" + unread + ")" : label);
  }

  function refresh() {
    fetch(bell.dataset.countUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (answer) { return answer.ok ? answer.json() : null; })
      .then(function (data) { if (data && typeof data.unread === "number") show(data.unread); })
      .catch(function () { /* keep what it shows */ });
  }

  refresh();
  setInterval(function () { if (!document.hidden) refresh(); }, EVERY_MS);
  document.addEventListener("visibilitychange", function () { if (!document.hidden) refresh(); });
})();
