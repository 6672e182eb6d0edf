/*
 * The queues page's own script. The queues refresh themselves on every incident's event and every 30 s; a refresh
 * replaces the forms in them, so it waits while someone has typed into one of those forms (a comment, a reason).
 * Once the form is sent (the console resets it) or emptied, the next refresh goes ahead.
 */
(function () {
    'use strict';

    function typing(queues) {
        return Array.from(queues.querySelectorAll('form input[type="text"], form textarea'))
            .some(function (field) { return field.value.trim() !== ''; });
    }

    document.addEventListener('htmx:beforeRequest', function (event) {
        var element = event.detail.elt;
        if (element && element.id === 'queues' && typing(element)) {
            event.preventDefault();
        }
    });
}());
