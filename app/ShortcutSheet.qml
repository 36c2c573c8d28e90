import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muxi.Workbench.Common

// Every keyboard shortcut, as the window binds it (Ctrl+/).
Dialog {
    id: sheet

    // The WorkbenchShortcuts whose list and Shortcut items are shown.
    property var shortcuts: null

    title: qsTr("Keyboard shortcuts")
    modal: true
    standardButtons: Dialog.Close
    anchors.centerIn: Overlay.overlay
    width: Math.min(560, parent ? parent.width - 40 : 560)
    height: Math.min(implicitHeight, parent ? parent.height - 40 : 600)

    onOpened: list.forceActiveFocus()

    ListView {
        id: list
        objectName: "shortcutList"
        anchors.fill: parent
        implicitHeight: contentHeight
        clip: true
        activeFocusOnTab: true
        keyNavigationEnabled: true
        ScrollBar.vertical: ScrollBar {}
        Accessible.role: Accessible.List
        Accessible.name: sheet.title
        model: {
            if (!sheet.shortcuts)
                return []
            var rows = []
            for (var i = 0; i < sheet.shortcuts.count; ++i) {
                var shortcut = sheet.shortcuts.shortcutAt(i)
                rows.push({ keys: shortcut ? shortcut.nativeText : "", text: sheet.shortcuts.entries[i].text,
                            action: sheet.shortcuts.entries[i].action })
            }
            var local = sheet.shortcuts.localEntries
            for (var j = 0; j < local.length; ++j)
                rows.push({ keys: local[j].keys, text: local[j].text, action: "" })
            return rows
        }
        delegate: Rectangle {
            id: row
            required property var modelData
            required property int index
            objectName: "shortcutRow"
            readonly property string keys: modelData.keys
            readonly property string description: modelData.text
            readonly property string action: modelData.action
            width: ListView.view.width
            implicitHeight: rowLayout.implicitHeight + 8
            color: ListView.isCurrentItem && ListView.view.activeFocus ? Theme.selection : "transparent"
            radius: 4
            Accessible.role: Accessible.ListItem
            Accessible.name: row.keys + ": " + row.description
            RowLayout {
                id: rowLayout
                x: 6
                y: 4
                width: row.width - 12
                spacing: 12
                Label {
                    Layout.preferredWidth: 150
                    text: row.keys
                    font.family: "monospace"
                    color: Theme.text
                }
                Label {
                    Layout.fillWidth: true
                    text: row.description
                    wrapMode: Text.Wrap
                    color: Theme.text
                }
            }
        }
    }
}
