// The deal board: drag a card to another stage, or use the card's Move form (also by keyboard).
// Both call POST /api/v1/deals/{id}:move with the session cookie and the CSRF header; a refusal
// (a closed deal, an unknown stage) is shown above the board and the card stays where it was.
(function () {
  "use strict";
  var board = document.querySelector(".board");
  if (!board) return;
  var message = document.getElementById("board-message");
  var csrfHeader = document.querySelector('meta[name="csrf-header"]').content;
  var csrfToken = document.querySelector('meta[name="csrf-token"]').content;

  function say(text, refused) {
    message.textContent = text;
    message.classList.toggle("refused", !!refused);
  }

  function recount() {
    board.querySelectorAll(".column").forEach(function (column) {
      column.querySelector(".count").textContent = column.querySelectorAll(".card").length;
    });
  }

  function move(card, stage) {
    if (stage === card.dataset.stage) return Promise.resolve();
    var url = board.dataset.moveUrl.replace("DEAL_ID", encodeURIComponent(card.dataset.dealId));
    var headers = { "Content-Type": "application/json", Accept: "application/json" };
    headers[csrfHeader] = csrfToken;
    card.classList.add("busy");
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: headers,
      body: JSON.stringify({ stage: stage }),
    })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (body) {
          if (!response.ok) {
            var why = response.status === 422 ? board.dataset.closedText
              : body.detail || (body.errors || []).map(function (e) { return e.message; }).join(" ");
            say(board.dataset.refusedText + " " + (why || response.statusText), true);
            return;
          }
          var column = board.querySelector('.column[data-stage="' + body.stage + '"]');
          column.querySelector(".cards").appendChild(card);
          card.dataset.stage = body.stage;
          card.querySelector("select").value = body.stage;
          if (column.classList.contains("closed")) {
            card.setAttribute("draggable", "false");
            card.querySelectorAll("select, button").forEach(function (el) { el.disabled = true; });
          }
          recount();
          say(card.querySelector("a").textContent + " → " + column.querySelector("h2").firstChild.textContent.trim(), false);
        });
      })
      .catch(function () { say(board.dataset.failedText, true); })
      .finally(function () { card.classList.remove("busy"); });
  }

  board.addEventListener("dragstart", function (event) {
    var card = event.target.closest && event.target.closest(".card");
    if (!card || card.getAttribute("draggable") !== "true") return;
    event.dataTransfer.setData("text/plain", card.dataset.dealId);
    event.dataTransfer.effectAllowed = "move";
    card.classList.add("dragging");
  });
  board.addEventListener("dragend", function (event) {
    var card = event.target.closest && event.target.closest(".card");
    if (card) card.classList.remove("dragging");
  });
  board.querySelectorAll(".column").forEach(function (column) {
    column.addEventListener("dragover", function (event) {
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      column.classList.add("over");
    });
    column.addEventListener("dragleave", function () { column.classList.remove("over"); });
    column.addEventListener("drop", function (event) {
      event.preventDefault();
      column.classList.remove("over");
      var id = event.dataTransfer.getData("text/plain");
      var card = id && document.getElementById("deal-" + id);
      if (card) move(card, column.dataset.stage);
    });
  });
  // The Move form: the same call without leaving the page.
  board.addEventListener("submit", function (event) {
    var card = event.target.closest(".card");
    if (!card) return;
    event.preventDefault();
    move(card, event.target.querySelector("select").value);
  });
})();
