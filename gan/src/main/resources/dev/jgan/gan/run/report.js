// The run report checks itself once loaded. A picture that did not load (the page was moved out
// of its run directory, a file was deleted) is named in a banner instead of leaving a blank box.
// The verdict is also left on the body element (data-images-ok, data-broken-images,
// data-errors), where the report's browser test reads it.
(function () {
  var errors = [];
  window.addEventListener('error', function (e) {
    if (e instanceof ErrorEvent) {
      errors.push(e.message + ' (' + e.filename + ':' + e.lineno + ')');
    }
  }, true);
  var consoleError = console.error;
  console.error = function () {
    errors.push(Array.prototype.join.call(arguments, ' '));
    consoleError.apply(console, arguments);
  };
  window.addEventListener('load', function () {
    var broken = [];
    document.querySelectorAll('img').forEach(function (img) {
      if (!(img.complete && img.naturalWidth > 0)) {
        broken.push(img.getAttribute('src'));
      }
    });
    document.body.setAttribute('data-images-ok', String(broken.length === 0));
    document.body.setAttribute('data-broken-images', broken.join(' '));
    document.body.setAttribute('data-errors', errors.join('\n'));
    if (broken.length > 0) {
      var banner = document.createElement('p');
      banner.className = 'broken';
      banner.textContent = 'Pictures missing (report.html must stay in its run directory): ' + broken.join(', ');
      document.body.insertBefore(banner, document.body.firstChild);
    }
  });
})();
