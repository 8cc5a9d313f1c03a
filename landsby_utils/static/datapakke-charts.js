/* Landsbyklynge datapakke: draws the static site's charts (landsby_utils/charts.py, FigurePart.static_html).

   Loaded with `defer`, so it runs once the page's text is parsed and shown; the text never waits for the
   charts. It loads plotly.js's partial bundle (the URL in this script's data-plotly attribute): over HTTP
   the gzip copy next to it (0.4 MB instead of 1.2 MB, whether or not the host compresses) unpacked by the
   browser's DecompressionStream; from a folder (file://, no fetch there), in an older browser or if the copy
   fails, the plain file. Each chart is a <script type="application/json" class="lb-chart-spec"
   data-for="ID"> holding {data, layout, config}, drawn into the element with that id, one chart per task
   and top first, so the first chart is on screen before the others are drawn.

   The `landsby serve` Voilà pages load this script too (their template adds it once a chart is on the
   page): there charts also arrive later, in a widget's output (the population page's chosen villages), so
   new chart specs are watched for and drawn when they appear; a spec is drawn once (data-drawn). */
(function () {
  "use strict";
  var me = document.currentScript;
  var src = me && me.getAttribute("data-plotly");
  // A server that compresses its responses itself (the Voilà server) has no .gz copy beside the bundle.
  var direct = !!me && me.hasAttribute("data-server-compresses");
  var SPECS = 'script.lb-chart-spec[type="application/json"]:not([data-drawn])';
  var queue = [], loaded = false, loading = false, drawing = false;
  if (!src) { return; }

  function next() {
    var node = queue.shift();
    if (!node) { drawing = false; return; }
    drawing = true;
    var box = node.isConnected ? document.getElementById(node.getAttribute("data-for")) : null;
    var drawn = null;
    if (box) {
      var spec = JSON.parse(node.textContent);
      drawn = window.Plotly.newPlot(box, spec.data, spec.layout, spec.config);
    }
    (drawn && drawn.then ? drawn : Promise.resolve()).then(function () { setTimeout(next, 0); });
  }

  function collect() {
    var found = Array.prototype.slice.call(document.querySelectorAll(SPECS));
    found.forEach(function (node) { node.setAttribute("data-drawn", "1"); queue.push(node); });
    if (!found.length) { return; }
    if (!loaded) { load(); } else if (!drawing) { next(); }
  }

  function ready() { loaded = true; next(); }

  function plain() {
    var script = document.createElement("script");
    script.src = src;
    script.onload = ready;
    document.head.appendChild(script);
  }

  function load() {
    if (loading) { return; }
    loading = true;
    if (direct || !window.DecompressionStream || !window.fetch || location.protocol === "file:") { plain(); return; }
    fetch(src + ".gz").then(function (response) {
      if (!response.ok || !response.body) { throw new Error(response.status); }
      return new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).text();
    }).then(function (code) {
      var script = document.createElement("script");
      script.text = code;
      document.head.appendChild(script);
      return !!window.Plotly;
    }).catch(function () { return false; }).then(function (ok) {
      // A host that sent the copy already unpacked (Content-Encoding) or no copy at all: the plain file.
      if (ok) { ready(); } else { plain(); }
    });
  }

  collect();
  if (window.MutationObserver && document.body) {
    new MutationObserver(function () { collect(); }).observe(document.body, {childList: true, subtree: true});
  }
})();
