/*
 * The incident workspace's script (templates/console/incident.html), beside console.js. No inline script anywhere:
 * the Content-Security-Policy forbids it.
 *
 * - Evidence by hash: choosing a file computes its SHA-256 here, in the browser (WebCrypto), and fills the form's
 *   sha256 field (and its name, when empty). The file input has no name, so the file is never part of what the form
 *   sends: nothing is uploaded.
 * - "api-empty": an htmx extension for the actions that take no body (acknowledge, retry a step). Listed before
 *   api-json (hx-ext="api-empty, api-json"), it sends an empty body, which the API requires of them, while console.js
 *   still shows the answer as for any API form.
 * - A part of the page that the live feed would fetch again is left alone while the person is typing in one of its
 *   forms (their words would be lost); it is fetched once they are done. After an action succeeds, what was done is
 *   said in the page's own status line, since the part holding the form is fetched again.
 */
(function () {
    'use strict';

    // 1. Evidence: the SHA-256 of a chosen file, computed locally
    function hex(buffer) {
        return Array.from(new Uint8Array(buffer)).map(function (b) {
            return b.toString(16).padStart(2, '0');
        }).join('');
    }

    function fingerprint(input) {
        var form = input.closest('form');
        var output = form ? form.querySelector('output') : null;
        var sha256 = form ? form.querySelector('[name="sha256"]') : null;
        var name = form ? form.querySelector('[name="name"]') : null;
        var file = input.files && input.files[0];
        if (!form || !file) {
            return;
        }
        if (!window.crypto || !window.crypto.subtle) {
            if (output) {
                output.textContent = 'This browser cannot compute a SHA-256 here (it needs HTTPS); type the hash.';
            }
            return;
        }
        if (output) {
            output.textContent = 'computing…';
        }
        file.arrayBuffer().then(function (bytes) {
            return window.crypto.subtle.digest('SHA-256', bytes);
        }).then(function (digest) {
            var value = hex(digest);
            if (sha256) {
                sha256.value = value;
            }
            if (name && name.value.trim() === '') {
                name.value = file.name;
            }
            if (output) {
                output.textContent = value;
            }
        }).catch(function () {
            if (output) {
                output.textContent = 'The file could not be read; choose it again or type the hash.';
            }
        });
    }

    document.addEventListener('change', function (event) {
        if (event.target.matches && event.target.matches('input[type="file"][data-evidence-file]')) {
            fingerprint(event.target);
        }
    });

    document.addEventListener('reset', function (event) {
        event.target.querySelectorAll('output').forEach(function (output) {
            output.textContent = '';
        });
    }, true);

    // 2. Actions without a body
    htmx.defineExtension('api-empty', {
        encodeParameters: function () {
            return '';
        }
    });

    // 3. Live parts wait while the person types
    function editing(part) {
        var fields = part.querySelectorAll('input, textarea, select');
        for (var i = 0; i < fields.length; i++) {
            var field = fields[i];
            if (field.type === 'file') {
                if (field.files && field.files.length > 0) {
                    return true;
                }
            } else if (field.tagName === 'SELECT') {
                // without a selected attribute, a select starts at its first option
                var initial = 0;
                for (var j = 0; j < field.options.length; j++) {
                    if (field.options[j].defaultSelected) {
                        initial = j;
                    }
                }
                if (field.options.length > 0 && field.selectedIndex !== initial) {
                    return true;
                }
            } else if (field.type !== 'hidden' && field.type !== 'submit' && field.value !== field.defaultValue) {
                return true;
            }
        }
        return false;
    }

    function later(part) {
        if (part.hasAttribute('data-stale')) {
            return;
        }
        part.setAttribute('data-stale', '');
        var timer = setInterval(function () {
            if (!document.body.contains(part)) {
                clearInterval(timer);
            } else if (!editing(part)) {
                clearInterval(timer);
                part.removeAttribute('data-stale');
                htmx.trigger(part, 'live', {});
            }
        }, 3000);
    }

    function isPart(element) {
        return element && element.classList && element.classList.contains('workspace-part');
    }

    document.addEventListener('htmx:beforeRequest', function (event) {
        var part = event.detail.elt;
        if (isPart(part) && editing(part)) {
            event.preventDefault();
            later(part);
        }
    });

    // the person may have started typing while the part was on its way: then it is not put in, and fetched later
    document.addEventListener('htmx:beforeSwap', function (event) {
        var part = event.detail.elt;
        if (isPart(part) && event.detail.shouldSwap && editing(part)) {
            event.detail.shouldSwap = false;
            later(part);
        }
    });

    // 4. Say what was done, outside the parts that are fetched again; in the capture phase, so before console.js
    //    resets the form and the parts are fetched again
    document.addEventListener('htmx:afterRequest', function (event) {
        var element = event.detail.elt;
        var form = element.closest ? element.closest('form') : null;
        if (!form || !event.detail.successful || !form.closest('.workspace-part')) {
            return;
        }
        var status = document.getElementById('workspace-status');
        if (status) {
            status.textContent = form.getAttribute('data-done') || 'Done.';
        }
        var details = form.closest('details');
        if (details) {
            details.open = false;
        }
    }, true);
}());
