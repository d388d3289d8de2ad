// The sales funnel page: draws the deals per stage (pipeline order, top to bottom) from the
// JSON the server put beside the canvas, with Chart.js (static/vendor/, from npm at build
// time). The table under the chart holds the same figures for keyboards and screen readers.
(function () {
  "use strict";
  var canvas = document.getElementById("funnel-chart");
  var source = document.getElementById("funnel-data");
  if (!canvas || !source || typeof Chart === "undefined") return;
  var data = JSON.parse(source.textContent);
  var locale = document.documentElement.lang || "en";
  var money = function (amount, currency) {
    try {
      return new Intl.NumberFormat(locale, { style: "currency", currency: currency }).format(amount);
    } catch (e) {
      return amount + " " + currency;
    }
  };

  new Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: [{
        label: data.title,
        data: data.counts,
        backgroundColor: "#1d5fbf",
        borderRadius: 3,
      }],
    },
    options: {
      indexAxis: "y", // horizontal bars: the funnel's stages read top to bottom
      locale: locale,
      maintainAspectRatio: false,
      animation: false, // drawn at once, so a screenshot or a test sees the final chart
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            afterLabel: function (item) {
              return data.amounts[item.dataIndex].map(function (pair) {
                return money(pair[0], pair[1]);
              }).join("\n");
            },
          },
        },
      },
      scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  });
})();
