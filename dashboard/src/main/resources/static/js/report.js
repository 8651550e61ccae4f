/*
 * Tahawul reports. On the printed report pages (report/print.html) it runs before dashboard.js, which
 * draws the charts: an ECharts option preprocessor turns animation off, so a chart is drawn once, at
 * its final state, and its 'finished' event (data-chart-ready="true", what the PDF renderer waits
 * for) comes at once. On the archive page (/reports) it reloads the page every few seconds while a
 * run is queued or running, so its state and download link appear without a click.
 */
(function () {
  'use strict';

  if (typeof echarts !== 'undefined') {
    echarts.registerPreprocessor(function (option) {
      if (option) { option.animation = false; }
    });
  }

  var busy = document.querySelector('[data-refresh-seconds]');
  if (busy) {
    setTimeout(function () { window.location.reload(); }, parseInt(busy.dataset.refreshSeconds, 10) * 1000);
  }
}());
