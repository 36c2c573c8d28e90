import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Dialogs
import Muxi.Workbench
import Muxi.Workbench.Common

// Conversations: new, search, rename, delete with undo, export and import;
// settings at the bottom.
Rectangle {
    id: sidebar

    // What the last export or import did, or why it failed.
    property string archiveMessage
    property bool archiveFailed: false

    // Saves one conversation (an id) or all of them (""), as "markdown" or "json".
    function exportConversations(id, format) {
        exportDialog.conversationId = id
        exportDialog.format = format
        exportDialog.open()
    }

    FileDialog {
        id: exportDialog
        objectName: "exportDialog"
        property string conversationId
        property string format: "markdown"
        title: conversationId.length > 0 ? qsTr("Export conversation") : qsTr("Export all conversations")
        fileMode: FileDialog.SaveFile
        defaultSuffix: format === "json" ? "json" : "md"
        nameFilters: format === "json" ? [qsTr("Muxi conversations (*.json)")] : [qsTr("Markdown (*.md)")]
        onAccepted: Workbench.archive.exportConversations(conversationId, selectedFile, format)
    }

    FileDialog {
        id: importDialog
        objectName: "importDialog"
        title: qsTr("Import conversations")
        fileMode: FileDialog.OpenFile
        nameFilters: [qsTr("Muxi conversations (*.json)")]
        onAccepted: Workbench.archive.importFile(selectedFile)
    }

    Connections {
        target: Workbench.archive
        function onFinished(message) { sidebar.archiveFailed = false; sidebar.archiveMessage = message }
        function onFailed(error) { sidebar.archiveFailed = true; sidebar.archiveMessage = error }
    }

    signal settingsRequested()
    signal conversationChosen()
    signal compareRequested()

    color: Theme.sidebar

    function focusSearch() {
        searchField.forceActiveFocus(Qt.ShortcutFocusReason)
        searchField.selectAll()
    }

    // Opens the conversation `delta` rows below (or above) the open one; false at the ends.
    function step(delta) {
        var model = Workbench.conversations
        if (list.count === 0)
            return false
        var row = model.rowOf(Workbench.chat.conversationId)
        var next = row < 0 ? 0 : row + delta
        if (next < 0 || next >= list.count)
            return false
        Workbench.chat.openConversation(model.idAt(next))
        list.currentIndex = next
        return true
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 10
        spacing: 8

        Button {
            objectName: "newConversationButton"
            Layout.fillWidth: true
            text: qsTr("New conversation")
            icon.source: Theme.icon("plus")
            icon.color: Theme.text
            Accessible.onPressAction: clicked()
            onClicked: {
                Workbench.chat.newConversation()
                sidebar.conversationChosen()
            }
        }

        Button {
            objectName: "compareButton"
            Layout.fillWidth: true
            text: qsTr("Compare models")
            icon.source: Theme.icon("columns-3")
            icon.color: Theme.text
            Accessible.onPressAction: clicked()
            onClicked: sidebar.compareRequested()
        }

        TextField {
            id: searchField
            objectName: "searchField"
            Layout.fillWidth: true
            placeholderText: qsTr("Search conversations")
            Accessible.name: qsTr("Search conversations")
            Accessible.description: qsTr("Filters the list below by title and content")
            KeyNavigation.down: list
            text: Workbench.conversations.search
            onTextEdited: searchTimer.restart()
            Timer {
                id: searchTimer
                interval: 200
                onTriggered: Workbench.conversations.search = searchField.text
            }
        }

        ListView {
            id: list
            objectName: "conversationList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 2
            model: Workbench.conversations
            ScrollBar.vertical: ScrollBar {}
            // Tab lands on the list, arrows move, Enter opens, Menu or Shift+F10 shows the actions.
            activeFocusOnTab: true
            keyNavigationEnabled: true
            Accessible.role: Accessible.List
            Accessible.name: qsTr("Conversations")
            Connections {
                target: Workbench.chat
                function onConversationChanged() {
                    var row = Workbench.conversations.rowOf(Workbench.chat.conversationId)
                    if (row >= 0)
                        list.currentIndex = row
                }
            }

            delegate: ItemDelegate {
                id: row
                required property string conversationId
                required property string title
                required property int index
                property bool editing: false

                width: ListView.view.width
                highlighted: conversationId === Workbench.chat.conversationId
                objectName: "conversationRow"
                focusPolicy: Qt.NoFocus
                Accessible.name: row.title
                Accessible.description: row.highlighted ? qsTr("Open conversation") : ""
                Accessible.onPressAction: row.clicked()
                Keys.onReturnPressed: row.clicked()
                Keys.onEnterPressed: row.clicked()
                Keys.onMenuPressed: menu.popup(row, 0, row.height)
                Keys.onPressed: function(event) {
                    if (event.key === Qt.Key_F10 && (event.modifiers & Qt.ShiftModifier)) {
                        event.accepted = true
                        menu.popup(row, 0, row.height)
                    }
                }
                TapHandler {
                    acceptedButtons: Qt.RightButton
                    onTapped: function(eventPoint) { menu.popup(row, eventPoint.position.x, eventPoint.position.y) }
                }
                background: Rectangle {
                    radius: 6
                    color: row.highlighted ? Theme.selection : row.hovered ? Qt.rgba(0.5, 0.5, 0.5, 0.08) : "transparent"
                    // The keyboard's place in the list.
                    border.width: row.ListView.isCurrentItem && list.activeFocus ? 2 : 0
                    border.color: Theme.accent
                }
                contentItem: RowLayout {
                    spacing: 4
                    Label {
                        visible: !row.editing
                        Layout.fillWidth: true
                        text: row.title
                        elide: Text.ElideRight
                        color: Theme.text
                    }
                    TextField {
                        id: renameField
                        visible: row.editing
                        Layout.fillWidth: true
                        text: row.title
                        Accessible.name: qsTr("New title for “%1”").arg(row.title)
                        // Escape cancels the rename rather than reaching the window's shortcut.
                        Keys.onShortcutOverride: function(event) { event.accepted = event.key === Qt.Key_Escape }
                        onAccepted: {
                            Workbench.conversations.rename(row.conversationId, text)
                            row.editing = false
                        }
                        Keys.onEscapePressed: row.editing = false
                        onActiveFocusChanged: if (!activeFocus) row.editing = false
                    }
                    IconButton {
                        objectName: "conversationMenuButton"
                        iconName: "ellipsis-vertical"
                        text: qsTr("Actions of “%1”").arg(row.title)
                        visible: row.hovered || row.highlighted || menu.visible
                        // The keyboard reaches the same menu with Menu or Shift+F10 on the row.
                        focusPolicy: Qt.NoFocus
                        onClicked: menu.popup()
                        Menu {
                            id: menu
                            objectName: "conversationMenu"
                            MenuItem {
                                Accessible.onPressAction: triggered()
                                text: qsTr("Rename")
                                icon.source: Theme.icon("pencil")
                                icon.color: Theme.text
                                onTriggered: {
                                    row.editing = true
                                    renameField.forceActiveFocus()
                                    renameField.selectAll()
                                }
                            }
                            MenuItem {
                                Accessible.onPressAction: triggered()
                                text: qsTr("Export as Markdown…")
                                icon.source: Theme.icon("file-text")
                                icon.color: Theme.text
                                onTriggered: sidebar.exportConversations(row.conversationId, "markdown")
                            }
                            MenuItem {
                                Accessible.onPressAction: triggered()
                                text: qsTr("Export as JSON…")
                                icon.source: Theme.icon("download")
                                icon.color: Theme.text
                                onTriggered: sidebar.exportConversations(row.conversationId, "json")
                            }
                            MenuItem {
                                Accessible.onPressAction: triggered()
                                text: qsTr("Delete")
                                icon.source: Theme.icon("trash-2")
                                icon.color: Theme.text
                                onTriggered: {
                                    Workbench.conversations.remove(row.conversationId)
                                    undoBar.show()
                                }
                            }
                        }
                    }
                }
                onClicked: {
                    Workbench.chat.openConversation(conversationId)
                    sidebar.conversationChosen()
                }
            }

            Label {
                anchors.centerIn: parent
                width: parent.width - 20
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                visible: list.count === 0
                color: Theme.mutedText
                text: Workbench.conversations.search.length > 0 ? qsTr("No conversation matches.") : qsTr("No conversations yet.")
            }
        }

        Rectangle {
            id: undoBar
            objectName: "undoBar"
            function show() { visible = true; hideTimer.restart() }
            visible: false
            Layout.fillWidth: true
            implicitHeight: undoRow.implicitHeight + 12
            radius: 6
            color: Theme.surface
            border.color: Theme.border
            Timer {
                id: hideTimer
                interval: 8000
                onTriggered: undoBar.visible = false
            }
            RowLayout {
                id: undoRow
                anchors.fill: parent
                anchors.margins: 6
                Label {
                    Layout.fillWidth: true
                    elide: Text.ElideRight
                    color: Theme.text
                    text: qsTr("Deleted “%1”").arg(Workbench.conversations.lastRemovedTitle)
                }
                Button {
                    objectName: "undoButton"
                    text: qsTr("Undo")
                    icon.source: Theme.icon("rotate-ccw")
                    icon.color: Theme.text
                    Accessible.description: qsTr("Bring back the deleted conversation")
                    Accessible.onPressAction: clicked()
                    flat: true
                    enabled: Workbench.conversations.canUndo
                    onClicked: {
                        Workbench.conversations.undoRemove()
                        undoBar.visible = false
                    }
                }
            }
        }

        Label {
            Layout.fillWidth: true
            visible: Workbench.historyError.length > 0
            wrapMode: Text.Wrap
            color: Theme.errorText
            text: qsTr("History is not saved: %1").arg(Workbench.historyError)
        }

        Label {
            objectName: "archiveMessage"
            Layout.fillWidth: true
            visible: sidebar.archiveMessage.length > 0
            wrapMode: Text.Wrap
            font.pixelSize: 12
            color: sidebar.archiveFailed ? Theme.errorText : Theme.mutedText
            text: sidebar.archiveMessage
        }

        Button {
            objectName: "archiveButton"
            Layout.fillWidth: true
            flat: true
            text: qsTr("Export and import…")
            enabled: !Workbench.archive.busy
            Accessible.name: qsTr("Export or import conversations")
            onClicked: archiveMenu.popup()
            Menu {
                id: archiveMenu
                MenuItem {
                    text: qsTr("Export all as Markdown…")
                    onTriggered: sidebar.exportConversations("", "markdown")
                }
                MenuItem {
                    text: qsTr("Export all as JSON…")
                    onTriggered: sidebar.exportConversations("", "json")
                }
                MenuItem {
                    text: qsTr("Import JSON…")
                    onTriggered: importDialog.open()
                }
            }
        }

        Button {
            objectName: "settingsButton"
            Layout.fillWidth: true
            flat: true
            text: qsTr("Settings")
            icon.source: Theme.icon("settings")
            icon.color: Theme.text
            Accessible.onPressAction: clicked()
            onClicked: sidebar.settingsRequested()
        }
    }
}
