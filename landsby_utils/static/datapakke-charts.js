/* Landsbyklynge datapakke: draws the static site's charts. Loaded with `defer` after plotly.js's partial
   bundle, so it runs once the page's text is parsed and shown; the text never waits for the charts. Each
   chart is a <script type="application/json" class="lb-chart-spec" data-for="ID"> holding {data, layout,
   config}, drawn into the element with that id (landsby_utils/charts.py, FigurePart.static_html). One
   chart per task, top first: the first chart is on screen before the others are drawn. */
(function () {
  "use strict";
  if (!window.Plotly) { return; }
  var specs = Array.prototype.slice.call(document.querySelectorAll('script.lb-chart-spec[type="application/json"]'));
  function next() {
    var node = specs.shift();
    if (!node) { return; }
    var box = document.getElementById(node.getAttribute("data-for"));
    var spec = JSON.parse(node.textContent);
    var drawn = box ? window.Plotly.newPlot(box, spec.data, spec.layout, spec.config) : null;
    (drawn && drawn.then ? drawn : Promise.resolve()).then(function () { setTimeout(next, 0); });
  }
  next();
})();
