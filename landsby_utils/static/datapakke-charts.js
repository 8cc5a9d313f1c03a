/* Landsbyklynge datapakke: draws the static site's charts (landsby_utils/charts.py, FigurePart.static_html).

   Loaded with `defer`, so it runs once the page's text is parsed and shown; the text never waits for the
   charts. It loads plotly.js's partial bundle (the URL in this script's data-plotly attribute): over HTTP
   the gzip copy next to it (0.4 MB instead of 1.2 MB, whether or not the host compresses) unpacked by the
   browser's DecompressionStream; from a folder (file://, no fetch there), in an older browser or if the copy
   fails, the plain file. Each chart is a <script type="application/json" class="lb-chart-spec"
   data-for="ID"> holding {data, layout, config}, drawn into the element with that id, one chart per task
   and top first, so the first chart is on screen before the others are drawn. */
(function () {
  "use strict";
  var me = document.currentScript;
  var src = me && me.getAttribute("data-plotly");
  var specs = Array.prototype.slice.call(document.querySelectorAll('script.lb-chart-spec[type="application/json"]'));
  if (!src || !specs.length) { return; }

  function next() {
    var node = specs.shift();
    if (!node) { return; }
    var box = document.getElementById(node.getAttribute("data-for"));
    var spec = JSON.parse(node.textContent);
    var drawn = box ? window.Plotly.newPlot(box, spec.data, spec.layout, spec.config) : null;
    (drawn && drawn.then ? drawn : Promise.resolve()).then(function () { setTimeout(next, 0); });
  }

  function plain() {
    var script = document.createElement("script");
    script.src = src;
    script.onload = next;
    document.head.appendChild(script);
  }

  if (!window.DecompressionStream || !window.fetch || location.protocol === "file:") { plain(); return; }
  fetch(src + ".gz").then(function (response) {
    if (!response.ok || !response.body) { throw new Error(response.status); }
    return new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).text();
  }).then(function (code) {
    var script = document.createElement("script");
    script.text = code;
    document.head.appendChild(script);
    return !!window.Plotly;
  }).catch(function () { return false; }).then(function (loaded) {
    // A host that sent the copy already unpacked (Content-Encoding) or no copy at all: the plain file.
    if (loaded) { next(); } else { plain(); }
  });
})();
