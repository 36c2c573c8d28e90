import QtQuick
import QtQml.Models

// The window's keyboard shortcuts, made from one list: the Shortcut items
// below and the shortcut sheet both read `entries`, so the sheet can never
// show a key that is not bound. Shortcuts live under this item, so an open
// menu, combo box list or dialog blocks them (Qt Quick Controls' shortcut
// context) and keeps its own Escape.
Item {
    id: shortcuts

    // action: what the window does (Main.qml's runShortcut), sequence: a
    // StandardKey where the platform has one for it, else portable text.
    readonly property var entries: [
        { action: "newChat", sequence: StandardKey.New, text: qsTr("New conversation") },
        { action: "focusComposer", sequence: "Ctrl+L", text: qsTr("Go to the message field") },
        { action: "escape", sequence: StandardKey.Cancel, text: qsTr("Stop the answer while it is written; otherwise go to the message field") },
        { action: "modelPicker", sequence: "Ctrl+K", text: qsTr("Choose the model (type to filter)") },
        { action: "search", sequence: StandardKey.Find, text: qsTr("Search conversations") },
        { action: "compare", sequence: "Ctrl+Shift+M", text: qsTr("Compare models") },
        { action: "settings", sequence: "Ctrl+,", text: qsTr("Settings") },
        { action: "regenerate", sequence: "Ctrl+R", text: qsTr("Regenerate the last answer") },
        { action: "copyAnswer", sequence: "Ctrl+Shift+C", text: qsTr("Copy the last answer") },
        { action: "previousConversation", sequence: "Ctrl+PgUp", text: qsTr("Previous conversation") },
        { action: "nextConversation", sequence: "Ctrl+PgDown", text: qsTr("Next conversation") },
        { action: "attach", sequence: StandardKey.Open, text: qsTr("Attach images or audio") },
        { action: "shortcuts", sequence: "Ctrl+/", text: qsTr("Show keyboard shortcuts") }
    ]

    // Keys that act where the focus is rather than in the whole window; the
    // sheet lists them after the window's.
    readonly property var localEntries: [
        { keys: qsTr("Enter"), text: qsTr("Send the message") },
        { keys: qsTr("Shift+Enter"), text: qsTr("New line in the message") },
        { keys: qsTr("Up"), text: qsTr("Edit your last message (in an empty message field)") },
        { keys: qsTr("Menu, Shift+F10"), text: qsTr("Actions of the message or conversation in focus") },
        { keys: qsTr("Tab, Shift+Tab"), text: qsTr("Next or previous control") }
    ]

    readonly property int count: instantiator.count

    signal activated(string action)

    // The Shortcut bound for entries[index].
    function shortcutAt(index) {
        return instantiator.objectAt(index)
    }

    Instantiator {
        id: instantiator
        model: shortcuts.entries
        delegate: Shortcut {
            required property var modelData
            sequence: modelData.sequence
            context: Qt.WindowShortcut
            onActivated: shortcuts.activated(modelData.action)
        }
    }
}
