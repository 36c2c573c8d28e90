import QtQuick

// Says something to a screen reader without moving the focus: a finished
// answer, an error. Qt 6.4 has no announce() for Qt Quick, so this is an
// alert that is hidden, renamed and shown again: Qt sends the name change
// and ObjectShow, which AT-SPI passes on as accessible-name and
// "showing" changes of an ALERT, which Orca reads out.
Item {
    id: region

    // The last thing said, for tests and for anyone reading the tree.
    property string message

    function announce(text) {
        if (text.length === 0)
            return
        region.visible = false
        region.message = text
        region.visible = true
    }

    width: 1
    height: 1
    Accessible.role: Accessible.AlertMessage
    Accessible.name: region.message
}
