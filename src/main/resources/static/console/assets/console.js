/*
 * The console's one script of its own, beside htmx. The pages hold no inline script (the Content-Security-Policy
 * forbids it): everything a page does beyond links and htmx attributes is here.
 *
 * - Every htmx request carries the session's CSRF token.
 * - Forms marked hx-ext="api-json" post JSON to the API itself: the console sends the same commands as any API
 *   client and gets the same refusals, which it shows as readable messages in the form's [data-result] element.
 * - The live feed (Server-Sent Events at the body's data-live-url) makes each element marked data-live="*" or
 *   data-live="<incident id>" fetch itself again (its hx-trigger includes "live"), passing the event's incident,
 *   sequence and place in the store, so that the server answers once its views show that event.
 * - <time data-countdown> and <time data-age> count in the browser, every second.
 */
(function () {
    'use strict';

    function meta(name) {
        var element = document.querySelector('meta[name="' + name + '"]');
        return element ? element.getAttribute('content') : null;
    }

    // 1. CSRF on every htmx request, and a marker the server can tell a console request by
    document.addEventListener('htmx:configRequest', function (event) {
        var header = meta('csrf-header');
        var token = meta('csrf-token');
        if (header && token) {
            event.detail.headers[header] = token;
        }
        var trigger = event.detail.triggeringEvent;
        if (trigger && trigger.type === 'live' && trigger.detail && trigger.detail.incidentId) {
            event.detail.parameters.waitFor = trigger.detail.incidentId + ':' + trigger.detail.sequence
                + (trigger.detail.position ? ':' + trigger.detail.position : '');
        }
    });

    // 2. Forms to the API, as JSON
    function setPath(target, path, value) {
        // "a.b", "a[]" and "a[0].b": nested objects and arrays, as the API's bodies have them
        var parts = path.replace(/\[(\d*)\]/g, '.[$1]').split('.');
        var node = target;
        for (var i = 0; i < parts.length; i++) {
            var part = parts[i];
            var last = i === parts.length - 1;
            var key = part.charAt(0) === '[' ? part.slice(1, -1) : part;
            if (part === '[]') {
                node.push(value);
                return;
            }
            if (last) {
                node[key] = value;
                return;
            }
            if (node[key] === undefined) {
                node[key] = parts[i + 1].charAt(0) === '[' ? [] : {};
            }
            node = node[key];
        }
    }

    function jsonOf(form, parameters) {
        var body = {};
        var entries = parameters instanceof FormData ? Array.from(parameters.entries()) : Object.entries(parameters);
        entries.forEach(function (entry) {
            var name = entry[0];
            var value = entry[1];
            if (name === '_csrf' || name === 'waitFor' || typeof value !== 'string') {
                return;
            }
            var field = form.querySelector('[name="' + CSS.escape(name) + '"]');
            var type = field ? field.getAttribute('data-type') : null;
            if (value.trim() === '') {
                return; // an empty field is one left out: the API's defaults apply
            }
            if (type === 'number') {
                value = Number(value);
            } else if (type === 'boolean') {
                value = value === 'true' || value === 'on';
            } else if (type === 'lines') {
                value = value.split('\n').map(function (line) { return line.trim(); })
                    .filter(function (line) { return line !== ''; });
            } else if (type === 'datetime') {
                value = new Date(value).toISOString(); // a local date and time, as the person entered it
            }
            setPath(body, name, value);
        });
        return body;
    }

    htmx.defineExtension('api-json', {
        onEvent: function (name, event) {
            if (name === 'htmx:configRequest') {
                event.detail.headers['Content-Type'] = 'application/json';
                event.detail.headers.Accept = 'application/json, application/problem+json';
            }
            return true;
        },
        encodeParameters: function (xhr, parameters, element) {
            xhr.overrideMimeType('text/json');
            var form = element.closest('form') || element;
            return JSON.stringify(jsonOf(form, parameters));
        }
    });

    function resultOf(element) {
        var form = element.closest('form');
        return form ? form.querySelector('[data-result]') : null;
    }

    function show(result, text, ok) {
        if (!result) {
            return;
        }
        result.textContent = text;
        result.classList.toggle('result-ok', ok);
        result.classList.toggle('result-refused', !ok);
    }

    /** What a refusal says, in words: the problem's detail and each invalid field. */
    function describe(xhr) {
        var text = 'The service answered ' + xhr.status + '.';
        try {
            var problem = JSON.parse(xhr.responseText);
            text = problem.detail || problem.title || text;
            if (Array.isArray(problem.errors) && problem.errors.length > 0) {
                text += ': ' + problem.errors.map(function (error) {
                    return error.field + ' ' + error.message;
                }).join('; ');
            }
        } catch (notJson) {
            // the status alone says it
        }
        return 'Refused: ' + text;
    }

    document.addEventListener('htmx:afterRequest', function (event) {
        var element = event.detail.elt;
        if (!element.closest || !element.closest('[hx-ext~="api-json"]')) {
            return;
        }
        var xhr = event.detail.xhr;
        if (event.detail.successful) {
            show(resultOf(element), element.closest('form').getAttribute('data-done') || 'Done.', true);
            var form = element.closest('form');
            if (form && !form.hasAttribute('data-keep')) {
                form.reset();
            }
            document.body.dispatchEvent(new CustomEvent('console:changed', { bubbles: true }));
        } else if (xhr) {
            show(resultOf(element), describe(xhr), false);
        }
    });

    document.addEventListener('htmx:sendError', function (event) {
        show(resultOf(event.detail.elt), 'Not sent: the service could not be reached. Try again.', false);
    });

    // 3. The live feed
    var status = null;

    function setStatus(text, state) {
        status = status || document.getElementById('live-status');
        if (status) {
            status.textContent = text;
            status.setAttribute('data-state', state);
        }
    }

    function refreshAll() {
        document.querySelectorAll('[data-live]').forEach(function (element) {
            htmx.trigger(element, 'live', {});
        });
    }

    function connect(url) {
        var source = new EventSource(url);
        var broken = false;
        source.onopen = function () {
            setStatus('Live', 'open');
            if (broken) {
                broken = false;
                refreshAll(); // whatever the replay could not cover
            }
        };
        source.addEventListener('incident', function (message) {
            var change;
            try {
                change = JSON.parse(message.data);
            } catch (notJson) {
                return;
            }
            document.querySelectorAll('[data-live]').forEach(function (element) {
                var follows = element.getAttribute('data-live');
                if (follows === '*' || follows === change.incidentId) {
                    htmx.trigger(element, 'live', {
                        incidentId: change.incidentId,
                        sequence: change.sequence,
                        position: /^\d+$/.test(message.lastEventId) ? message.lastEventId : null
                    });
                }
            });
            document.dispatchEvent(new CustomEvent('console:incident', { detail: change }));
        });
        source.addEventListener('reload', refreshAll);
        source.onerror = function () {
            broken = true;
            if (source.readyState === EventSource.CLOSED) {
                // refused (the node serves as many streams as it may) or failed: try again a little later
                setStatus('Reconnecting…', 'closed');
                setTimeout(function () { connect(url); }, 3000 + Math.random() * 2000);
            } else {
                setStatus('Reconnecting…', 'connecting');
            }
        };
    }

    // 4. Clocks
    function span(milliseconds) {
        var minutes = Math.floor(Math.abs(milliseconds) / 60000);
        var days = Math.floor(minutes / 1440);
        var hours = Math.floor((minutes % 1440) / 60);
        var rest = minutes % 60;
        if (days > 0) {
            return days + 'd ' + hours + 'h';
        }
        if (hours > 0) {
            return hours + 'h ' + rest + 'm';
        }
        if (minutes > 0) {
            return minutes + 'm';
        }
        return Math.floor(Math.abs(milliseconds) / 1000) + 's';
    }

    function tick() {
        var now = Date.now();
        document.querySelectorAll('time[data-countdown]').forEach(function (element) {
            var due = Date.parse(element.getAttribute('datetime'));
            if (isNaN(due)) {
                return;
            }
            var left = due - now;
            element.textContent = left >= 0 ? 'due in ' + span(left) : 'overdue by ' + span(left);
            element.classList.toggle('overdue', left < 0);
            element.classList.toggle('due-soon', left >= 0 && left < 3600000);
        });
        document.querySelectorAll('time[data-age]').forEach(function (element) {
            var at = Date.parse(element.getAttribute('datetime'));
            if (!isNaN(at)) {
                element.textContent = span(now - at) + ' ago';
            }
        });
    }

    document.addEventListener('DOMContentLoaded', function () {
        var url = document.body.getAttribute('data-live-url');
        if (url && window.EventSource) {
            connect(url);
        }
        tick();
        setInterval(tick, 1000);
    });
    document.addEventListener('htmx:afterSettle', tick);
}());
