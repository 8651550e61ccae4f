/*
 * Tahawul dashboard: charts, sortable tables and the period selector. No inline scripts (the CSP
 * forbids them): every chart is a <div data-chart="TYPE" data-api="/api/..."> whose data this file
 * fetches. ECharts has no RTL mode, so mirror() flips each chart by hand in Arabic: category x-axes
 * reversed, y-axes on the right, legends and grids swapped, tooltips right-aligned. Numbers go
 * through Intl.NumberFormat('ar-SA' | 'en'); months are labelled Gregorian · Hijri from /api/months.
 * Each chart sets data-chart-ready="true" on its container when ECharts reports 'finished'
 * (browser tests and the PDF renderer wait for it); a failed load sets data-chart-ready="error".
 */
(function () {
  'use strict';

  var root = document.documentElement;
  var RTL = root.dir === 'rtl';
  var LANG = root.lang === 'en' ? 'en' : 'ar';
  var LOCALE = LANG === 'en' ? 'en' : 'ar-SA';
  var FONT = '"Noto Sans Arabic", "Noto Naskh Arabic", "Noto Sans", sans-serif';
  var COLORS = ['#006c35', '#0b5c8a', '#c77700', '#7a3e9d', '#b42318', '#4d7c0f'];
  var RATES = ['digital_adoption', 'completion_rate', 'satisfaction_rate', 'eservice_coverage', 'sla_compliance'];
  var numberFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1 });
  var compactFormat = new Intl.NumberFormat(LOCALE, { notation: 'compact', maximumFractionDigits: 1 });
  var percentFormat = new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 1 });
  var plainFormat = new Intl.NumberFormat(LOCALE, { useGrouping: false });
  var i18nElement = document.getElementById('i18n');
  var T = i18nElement ? i18nElement.dataset : {};
  var charts = [];

  function fmtNumber(v) { return v === null || v === undefined ? '—' : numberFormat.format(v); }
  function fmtCompact(v) { return v === null || v === undefined ? '—' : compactFormat.format(v); }
  function fmtPercent(v) { return v === null || v === undefined ? '—' : percentFormat.format(v); }
  function digits(v) { return plainFormat.format(v); }
  function camel(s) { return s.replace(/_([a-z])/g, function (m, c) { return c.toUpperCase(); }); }
  function kpiName(k) { return T[camel(k)] || k; }
  function isRate(k) { return RATES.indexOf(k) >= 0; }
  function formatterFor(kpi) { return isRate(kpi) ? fmtPercent : (kpi === 'csat' || kpi === 'maturity_index' ? fmtNumber : fmtCompact); }
  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function fetchJson(url) {
    return fetch(url, { headers: { 'Accept': 'application/json', 'X-Requested-With': 'fetch' }, credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) { throw new Error(url + ' answered ' + response.status); }
        return response.json();
      });
  }

  // ------------------------------------------------------------------ month labels (Gregorian · Hijri)
  var monthsPromise = null;
  function monthLabels() {
    if (!monthsPromise) {
      var url = document.body.dataset.monthsApi;
      monthsPromise = (url ? fetchJson(url) : Promise.resolve([])).then(function (list) {
        var byMonth = {};
        list.forEach(function (m) { byMonth[m.month] = m; });
        return byMonth;
      });
    }
    return monthsPromise;
  }
  function monthText(M, m) { return M[m] ? M[m].label : m; }
  function monthAxis(M, m) { return M[m] ? M[m].gregorian + '\n' + M[m].hijri : m; }
  function monthRange(first, last) {
    var out = [];
    var y = parseInt(first.substring(0, 4), 10);
    var mo = parseInt(first.substring(5, 7), 10);
    for (var guard = 0; guard < 600; guard++) {
      var key = y + '-' + (mo < 10 ? '0' : '') + mo;
      out.push(key);
      if (key >= last) { break; }
      mo++;
      if (mo > 12) { mo = 1; y++; }
    }
    return out;
  }

  // ------------------------------------------------------------------ common options and RTL mirroring
  function base(option, decal) {
    var o = {
      aria: { enabled: true, decal: { show: !!decal } },
      animationDuration: 250,
      animationDurationUpdate: 0,
      color: COLORS,
      textStyle: { fontFamily: FONT },
      grid: { left: 32, right: 32, top: 40, bottom: 16, containLabel: true }
    };
    Object.keys(option).forEach(function (k) { o[k] = option[k]; });
    return o;
  }

  function swapSide(value) { return value === 'left' ? 'right' : value === 'right' ? 'left' : value; }

  /** ECharts has no RTL mode: mirror a chart by hand for Arabic. */
  function mirror(o) {
    if (!RTL) { return o; }
    [].concat(o.xAxis || []).forEach(function (axis) { axis.inverse = !axis.inverse; });
    [].concat(o.yAxis || []).forEach(function (axis) { axis.position = axis.position === 'right' ? 'left' : 'right'; });
    if (o.grid) {
      var left = o.grid.left;
      o.grid.left = o.grid.right;
      o.grid.right = left;
    }
    if (o.legend) { o.legend.left = swapSide(o.legend.left || 'left'); o.legend.align = 'right'; }
    if (o.visualMap) { o.visualMap.inverse = !o.visualMap.inverse; }
    o.tooltip = o.tooltip || {};
    o.tooltip.extraCssText = 'direction: rtl; text-align: right;';
    o.tooltip.textStyle = { align: 'right', fontFamily: FONT };
    return o;
  }

  function axisTooltip(M, format) {
    return {
      trigger: 'axis', confine: true,
      formatter: function (params) {
        var list = [].concat(params);
        var rows = list.filter(function (p) { return p.value !== null && p.value !== undefined && p.value !== '-'; })
          .map(function (p) { return p.marker + escapeHtml(p.seriesName) + ': <b>' + escapeHtml(format(p.value, p)) + '</b>'; });
        return '<div>' + escapeHtml(M ? monthText(M, list[0].axisValue) : list[0].axisValue) + '</div>' + rows.join('<br>');
      }
    };
  }

  function draw(el, option) {
    el.textContent = '';
    var chart = echarts.init(el, null, { renderer: 'svg' });
    chart.on('finished', function () {
      if (el.dataset.chartReady !== 'true') { el.dataset.chartReady = 'true'; }
    });
    chart.setOption(mirror(option));
    charts.push(chart);
  }

  function message(el, text, state) {
    el.textContent = '';
    var p = document.createElement('p');
    p.className = 'chart-message';
    p.textContent = text;
    el.appendChild(p);
    el.style.height = 'auto';
    el.dataset.chartReady = state;
  }

  // ------------------------------------------------------------------ chart types
  var renderers = {};

  /** One KPI month by month, the target as a markLine (y-axis max covers it), the dashed projection. */
  renderers.trend = function (el, d, M) {
    var points = d.points;
    if (!points.length) { return message(el, T.noData, 'true'); }
    var format = formatterFor(d.kpi);
    var rate = isRate(d.kpi);
    var projection = d.projection;
    var last = points[points.length - 1].month;
    var end = projection && projection.to_month > last ? projection.to_month : last;
    var months = monthRange(points[0].month, end);
    var index = {};
    months.forEach(function (m, i) { index[m] = i; });
    var actual = months.map(function () { return null; });
    points.forEach(function (p) { actual[index[p.month]] = p.value; });
    var values = points.map(function (p) { return p.value; }).filter(function (v) { return v !== null; });
    var targets = d.targets || [];
    targets.forEach(function (t) { values.push(t.value); });
    var series = [{
      type: 'line', name: T.actual, data: actual, showSymbol: false, lineStyle: { width: 2 },
      markLine: targets.length ? {
        symbol: 'none', silent: true,
        data: targets.map(function (t, i) {
          var latest = t.year === Math.max.apply(null, targets.map(function (x) { return x.year; }));
          return {
            yAxis: t.value, name: T.target + ' ' + digits(t.year),
            lineStyle: { color: '#b42318', type: latest ? 'solid' : 'dotted', width: latest ? 1.5 : 1 },
            label: { formatter: T.target + ' ' + digits(t.year) + ': ' + format(t.value), position: i % 2 ? 'insideStartTop' : 'insideEndTop', color: '#b42318' }
          };
        })
      } : undefined
    }];
    if (projection && index[projection.as_of_month] !== undefined && index[projection.to_month] !== undefined) {
      var dashed = months.map(function () { return null; });
      dashed[index[projection.as_of_month]] = projection.actual;
      dashed[index[projection.to_month]] = projection.projected;
      values.push(projection.projected);
      series.push({ type: 'line', name: T.projection, data: dashed, connectNulls: true, showSymbol: false,
        lineStyle: { type: 'dashed', width: 2 }, itemStyle: { color: COLORS[2] } });
    }
    var max = Math.max.apply(null, values);
    var yMax = rate ? Math.min(1, Math.ceil((max + 0.05) * 10) / 10) : undefined;
    draw(el, base({
      legend: { top: 0, left: 'left', data: series.map(function (s) { return s.name; }) },
      tooltip: axisTooltip(M, function (v) { return format(v); }),
      xAxis: { type: 'category', data: months, boundaryGap: false,
        axisLabel: { formatter: function (m) { return monthAxis(M, m); }, hideOverlap: true } },
      yAxis: { type: 'value', min: 0, max: yMax, axisLabel: { formatter: format } },
      series: series
    }));
  };

  /** Agencies per maturity stage and month, stacked. */
  renderers.stages = function (el, rows, M) {
    if (!rows.length) { return message(el, T.noData, 'true'); }
    var months = [];
    var stages = [];
    rows.forEach(function (r) {
      if (months.indexOf(r.month) < 0) { months.push(r.month); }
      if (stages.indexOf(r.stage) < 0) { stages.push(r.stage); }
    });
    stages.sort();
    var series = stages.map(function (s) {
      var byMonth = {};
      rows.filter(function (r) { return r.stage === s; }).forEach(function (r) { byMonth[r.month] = r.agencies; });
      return { type: 'bar', stack: 'stages', name: T.stage + ' ' + digits(s),
        data: months.map(function (m) { return byMonth[m] || 0; }) };
    });
    draw(el, base({
      legend: { top: 0, left: 'left' },
      tooltip: axisTooltip(M, fmtNumber),
      xAxis: { type: 'category', data: months, axisLabel: { formatter: function (m) { return monthAxis(M, m); }, hideOverlap: true } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: fmtNumber } },
      series: series
    }, true));
  };

  /** The five highest and five lowest agencies by maturity index. */
  renderers.ranking = function (el, rows) {
    var ranked = rows.filter(function (r) { return r.maturity_index !== null; });
    if (!ranked.length) { return message(el, T.noData, 'true'); }
    var shown = ranked.length > 10 ? ranked.slice(0, 5).concat(ranked.slice(ranked.length - 5)) : ranked;
    var name = function (r) { return LANG === 'en' ? r.name_en : r.name_ar; };
    draw(el, base({
      tooltip: { trigger: 'item', confine: true, formatter: function (p) {
        var r = shown[p.dataIndex];
        return escapeHtml(name(r)) + '<br>' + T.rank + ' ' + escapeHtml(fmtNumber(r.rank)) + ': <b>' + escapeHtml(fmtNumber(r.maturity_index)) + '</b>';
      } },
      grid: { left: 16, right: 40, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: fmtNumber } },
      yAxis: { type: 'category', inverse: true, data: shown.map(name),
        axisLabel: { width: 190, overflow: 'truncate' } },
      series: [{ type: 'bar', name: T.maturityIndex, data: shown.map(function (r, i) {
        var top = ranked.length <= 10 || i < 5;
        return { value: r.maturity_index, itemStyle: { color: top ? COLORS[0] : COLORS[4] } };
      }), label: { show: true, position: RTL ? 'left' : 'right', formatter: function (p) { return fmtNumber(p.value); } } }]
    }, true));
  };

  /** Published benchmarks: the UN EGDI rank by survey year (rank 1 at the top), and the online share. */
  renderers.external = function (el, rows, M, extra) {
    var ranks = rows.filter(function (r) { return r.indicator === 'un_egdi_rank'; });
    var share = rows.filter(function (r) { return r.indicator === 'government_services_online_share'; }).pop();
    if (!ranks.length) { return message(el, T.noData, 'true'); }
    if (share && extra) {
      var p = document.createElement('p');
      p.className = 'note';
      p.textContent = extra + ': ' + fmtPercent(share.value);
      el.parentNode.insertBefore(p, el.nextSibling);
    }
    draw(el, base({
      tooltip: { trigger: 'axis', confine: true, formatter: function (params) {
        var r = ranks[params[0].dataIndex];
        return escapeHtml(digits(r.year)) + ': ' + T.rank + ' <b>' + escapeHtml(fmtNumber(r.value)) + '</b><br><small>' + escapeHtml(r.source) + '</small>';
      } },
      xAxis: { type: 'category', data: ranks.map(function (r) { return String(r.year); }), axisLabel: { formatter: function (y) { return digits(parseInt(y, 10)); } } },
      yAxis: { type: 'value', inverse: true, min: 1, name: T.rank, axisLabel: { formatter: fmtNumber } },
      series: [{ type: 'line', name: T.rank, data: ranks.map(function (r) { return r.value; }), symbolSize: 8,
        label: { show: true, position: 'bottom', formatter: function (p) { return fmtNumber(p.value); } } }]
    }));
  };

  /** Agency × month heatmap of one indicator. */
  renderers.heatmap = function (el, rows, M, kpi) {
    if (!rows.length) { return message(el, T.noData, 'true'); }
    var months = [];
    var agencies = [];
    rows.forEach(function (r) {
      if (months.indexOf(r.month) < 0) { months.push(r.month); }
      if (agencies.indexOf(r.agency_code) < 0) { agencies.push(r.agency_code); }
    });
    months.sort();
    var format = formatterFor(kpi);
    var max = kpi === 'maturity_index' ? 100 : (isRate(kpi) ? 1 : Math.max.apply(null, rows.map(function (r) { return r.value || 0; })));
    el.style.height = Math.max(320, agencies.length * 20 + 140) + 'px';
    draw(el, base({
      tooltip: { trigger: 'item', confine: true, formatter: function (p) {
        return escapeHtml(agencies[p.value[1]]) + ' · ' + escapeHtml(monthText(M, months[p.value[0]])) + ': <b>' + escapeHtml(format(p.value[2])) + '</b>';
      } },
      grid: { left: 16, right: 24, top: 8, bottom: 64, containLabel: true },
      xAxis: { type: 'category', data: months, splitArea: { show: true },
        axisLabel: { formatter: function (m) { return monthAxis(M, m); }, hideOverlap: true } },
      yAxis: { type: 'category', data: agencies, axisLabel: { fontFamily: 'monospace' } },
      visualMap: { min: 0, max: max, calculable: true, orient: 'horizontal', left: 'center', bottom: 0,
        inRange: { color: ['#f7fbf5', '#a7d7a0', '#2f8f4e', '#0b4d26'] }, formatter: function (v) { return format(v); } },
      series: [{ type: 'heatmap', name: kpiName(kpi), data: rows.filter(function (r) { return r.value !== null; }).map(function (r) {
        return [months.indexOf(r.month), agencies.indexOf(r.agency_code), r.value];
      }) }]
    }));
  };

  /** Digital adoption of each service of an agency. */
  renderers.services = function (el, rows) {
    var shown = rows.filter(function (r) { return r.digital_adoption !== null; });
    if (!shown.length) { return message(el, T.noData, 'true'); }
    var name = function (r) { return LANG === 'en' ? r.name_en : r.name_ar; };
    el.style.height = Math.max(240, shown.length * 28 + 60) + 'px';
    draw(el, base({
      tooltip: { trigger: 'item', confine: true, formatter: function (p) {
        var r = shown[p.dataIndex];
        return escapeHtml(name(r)) + '<br>' + escapeHtml(T.digitalAdoption) + ': <b>' + escapeHtml(fmtPercent(r.digital_adoption)) + '</b><br>'
          + escapeHtml(T.transactions) + ': ' + escapeHtml(fmtNumber(r.transactions));
      } },
      grid: { left: 16, right: 48, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: fmtPercent } },
      yAxis: { type: 'category', inverse: true, data: shown.map(name), axisLabel: { width: 260, overflow: 'truncate' } },
      series: [{ type: 'bar', name: T.digitalAdoption, data: shown.map(function (r) { return r.digital_adoption; }),
        label: { show: true, position: RTL ? 'left' : 'right', formatter: function (p) { return fmtPercent(p.value); } } }]
    }, true));
  };

  /** Completed transactions per channel (donut), digital channels named as such. */
  renderers.channels = function (el, rows) {
    var shown = rows.filter(function (r) { return r.transactions > 0; });
    if (!shown.length) { return message(el, T.noData, 'true'); }
    var name = function (r) { return (LANG === 'en' ? r.name_en : r.name_ar) + ' (' + (r.is_digital ? T.digital : T.assisted) + ')'; };
    draw(el, base({
      tooltip: { trigger: 'item', confine: true, formatter: function (p) {
        var r = shown[p.dataIndex];
        return escapeHtml(name(r)) + ': <b>' + escapeHtml(fmtNumber(r.transactions)) + '</b> (' + escapeHtml(fmtPercent(r.share)) + ')';
      } },
      legend: { type: 'scroll', orient: 'vertical', left: 'left', top: 'middle' },
      series: [{ type: 'pie', name: T.share, radius: ['40%', '70%'], center: [RTL ? '38%' : '62%', '50%'],
        data: shown.map(function (r) { return { name: name(r), value: r.transactions }; }),
        label: { formatter: function (p) { return fmtPercent(p.percent / 100); } } }]
    }, true));
  };

  /** Ratings 1..5: how many of each, with the share. */
  renderers.ratings = function (el, rows) {
    var total = rows.reduce(function (s, r) { return s + r.ratings; }, 0);
    if (!total) { return message(el, T.noData, 'true'); }
    draw(el, base({
      tooltip: { trigger: 'item', confine: true, formatter: function (p) {
        var r = rows[p.dataIndex];
        return escapeHtml(T.rating) + ' ' + escapeHtml(digits(r.rating)) + ': <b>' + escapeHtml(fmtNumber(r.ratings)) + '</b> (' + escapeHtml(fmtPercent(r.share)) + ')';
      } },
      xAxis: { type: 'category', data: rows.map(function (r) { return digits(r.rating); }) },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: fmtCompact } },
      series: [{ type: 'bar', name: T.rating, data: rows.map(function (r) {
        return { value: r.ratings, itemStyle: { color: r.rating >= 4 ? COLORS[0] : r.rating === 3 ? COLORS[2] : COLORS[4] } };
      }), label: { show: true, position: 'top', formatter: function (p) { return fmtPercent(rows[p.dataIndex].share); } } }]
    }, true));
  };

  /** An agency's maturity index (line) and stage (steps) month by month. */
  renderers.stageHistory = function (el, rows, M) {
    if (!rows.length) { return message(el, T.noData, 'true'); }
    var months = rows.map(function (r) { return r.month.substring(0, 7); });
    draw(el, base({
      legend: { top: 0, left: 'left' },
      tooltip: axisTooltip(M, function (v, p) { return p.seriesIndex === 1 ? digits(v) : fmtNumber(v); }),
      xAxis: { type: 'category', data: months, boundaryGap: false,
        axisLabel: { formatter: function (m) { return monthAxis(M, m); }, hideOverlap: true } },
      yAxis: [{ type: 'value', min: 0, max: 100, position: 'left', axisLabel: { formatter: fmtNumber } },
        { type: 'value', min: 1, max: 4, interval: 1, position: 'right', splitLine: { show: false },
          axisLabel: { formatter: function (v) { return digits(v); } } }],
      series: [
        { type: 'line', name: T.maturityIndex, showSymbol: false, data: rows.map(function (r) { return r.maturity_index; }) },
        { type: 'line', name: T.stage, step: 'end', yAxisIndex: 1, showSymbol: false, lineStyle: { type: 'dashed' },
          data: rows.map(function (r) { return r.stage; }) }]
    }));
  };

  /** One KPI per stage, month by month (kpi_monthly rows of scope_type stage). */
  renderers.stageKpis = function (el, rows, M, kpi) {
    if (!rows.length) { return message(el, T.noData, 'true'); }
    var months = [];
    var stages = [];
    rows.forEach(function (r) {
      var m = r.month.substring(0, 7);
      if (months.indexOf(m) < 0) { months.push(m); }
      if (stages.indexOf(r.scope_code) < 0) { stages.push(r.scope_code); }
    });
    months.sort();
    stages.sort();
    var format = formatterFor(kpi);
    draw(el, base({
      legend: { top: 0, left: 'left' },
      tooltip: axisTooltip(M, format),
      xAxis: { type: 'category', data: months, boundaryGap: false,
        axisLabel: { formatter: function (m) { return monthAxis(M, m); }, hideOverlap: true } },
      yAxis: { type: 'value', min: 0, max: isRate(kpi) ? 1 : undefined, axisLabel: { formatter: format } },
      series: stages.map(function (s) {
        var byMonth = {};
        rows.filter(function (r) { return r.scope_code === s; }).forEach(function (r) { byMonth[r.month.substring(0, 7)] = r[kpi]; });
        return { type: 'line', name: T.stage + ' ' + digits(parseInt(s, 10)), showSymbol: false,
          data: months.map(function (m) { return byMonth[m] === undefined ? null : byMonth[m]; }) };
      })
    }));
  };

  /** National targets of the latest target year: actual, projected and target side by side. */
  renderers.targets = function (el, rows) {
    if (!rows.length) { return message(el, T.noData, 'true'); }
    var year = Math.max.apply(null, rows.map(function (r) { return r.target_year; }));
    var shown = rows.filter(function (r) { return r.target_year === year; });
    var statusText = function (s) { return T[camel('status_' + s)] || s; };
    draw(el, base({
      legend: { top: 0, left: 'left' },
      tooltip: { trigger: 'axis', confine: true, formatter: function (params) {
        var r = shown[params[0].dataIndex];
        return escapeHtml(kpiName(r.kpi)) + ' · ' + escapeHtml(statusText(r.status)) + '<br>' + params.map(function (p) {
          return p.marker + escapeHtml(p.seriesName) + ': <b>' + escapeHtml(fmtPercent(p.value)) + '</b>';
        }).join('<br>');
      } },
      xAxis: { type: 'category', data: shown.map(function (r) { return kpiName(r.kpi) + '\n' + statusText(r.status); }),
        axisLabel: { lineHeight: 18, interval: 0 } },
      yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: fmtPercent } },
      series: [
        { type: 'bar', name: T.actual, data: shown.map(function (r) { return r.actual; }) },
        { type: 'bar', name: T.projection, data: shown.map(function (r) { return r.projected; }) },
        { type: 'bar', name: T.target + ' ' + digits(year), data: shown.map(function (r) { return r.target; }) }]
    }, true));
  };

  function render(el) {
    var renderer = renderers[el.dataset.chart];
    if (!renderer) { return message(el, 'unknown chart type ' + el.dataset.chart, 'error'); }
    Promise.all([fetchJson(el.dataset.api), monthLabels()]).then(function (results) {
      renderer(el, results[0], results[1], el.dataset.extra);
    }).catch(function () {
      message(el, T.loadError, 'error');
    });
  }

  // ------------------------------------------------------------------ sortable tables
  function sortTable(table, column, th) {
    var ascending = th.getAttribute('aria-sort') !== 'ascending';
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    var numeric = th.dataset.type === 'number';
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[column].dataset.value;
      var y = b.cells[column].dataset.value;
      if (numeric) {
        x = x === undefined || x === '' ? NaN : parseFloat(x);
        y = y === undefined || y === '' ? NaN : parseFloat(y);
        if (isNaN(x) || isNaN(y)) { return isNaN(x) === isNaN(y) ? 0 : isNaN(x) ? 1 : -1; }
        return ascending ? x - y : y - x;
      }
      return ascending ? String(x || '').localeCompare(String(y || ''), LOCALE) : String(y || '').localeCompare(String(x || ''), LOCALE);
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }

  function initTables() {
    Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
        var button = th.querySelector('button');
        if (button) { button.addEventListener('click', function () { sortTable(table, i, th); }); }
      });
    });
  }

  // ------------------------------------------------------------------ period selector
  function initSelector() {
    var kind = document.getElementById('period-kind');
    if (kind) {
      var form = kind.form;
      var apply = function () {
        ['month', 'quarter', 'year', 'range'].forEach(function (k) { form.classList.remove('js-period-' + k); });
        form.classList.add('js-period-' + kind.value);
      };
      kind.addEventListener('change', function () {
        form.querySelector('input[name=at]').value = '';
        apply();
      });
      form.addEventListener('submit', function () {
        // keep the URL to the parameters the selected kind uses
        var range = kind.value === 'range';
        form.querySelector('input[name=at]').disabled = range || !form.querySelector('input[name=at]').value;
        Array.prototype.forEach.call(form.querySelectorAll('input[name=from], input[name=to]'), function (i) { i.disabled = !range; });
      });
      apply();
    }
    Array.prototype.forEach.call(document.querySelectorAll('select.autosubmit'), function (select) {
      select.addEventListener('change', function () { select.form.submit(); });
    });
  }

  function init() {
    initTables();
    initSelector();
    var containers = document.querySelectorAll('[data-chart]');
    if (containers.length && typeof echarts === 'undefined') {
      Array.prototype.forEach.call(containers, function (el) { message(el, T.loadError, 'error'); });
      return;
    }
    Array.prototype.forEach.call(containers, render);
    var pending = null;
    window.addEventListener('resize', function () {
      clearTimeout(pending);
      pending = setTimeout(function () { charts.forEach(function (c) { c.resize(); }); }, 150);
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
}());
