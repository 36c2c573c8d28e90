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

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 10
        spacing: 8

        Button {
            objectName: "newConversationButton"
            Layout.fillWidth: true
            text: qsTr("New conversation")
            icon.name: "list-add"
            onClicked: {
                Workbench.chat.newConversation()
                sidebar.conversationChosen()
            }
        }

        Button {
            objectName: "compareButton"
            Layout.fillWidth: true
            text: qsTr("Compare models")
            onClicked: sidebar.compareRequested()
        }

        TextField {
            id: searchField
            objectName: "searchField"
            Layout.fillWidth: true
            placeholderText: qsTr("Search conversations")
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

            delegate: ItemDelegate {
                id: row
                required property string conversationId
                required property string title
                required property int index
                property bool editing: false

                width: ListView.view.width
                highlighted: conversationId === Workbench.chat.conversationId
                background: Rectangle {
                    radius: 6
                    color: row.highlighted ? Theme.selection : row.hovered ? Qt.rgba(0.5, 0.5, 0.5, 0.08) : "transparent"
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
                        onAccepted: {
                            Workbench.conversations.rename(row.conversationId, text)
                            row.editing = false
                        }
                        Keys.onEscapePressed: row.editing = false
                        onActiveFocusChanged: if (!activeFocus) row.editing = false
                    }
                    ToolButton {
                        text: "⋯"
                        visible: row.hovered || row.highlighted || menu.visible
                        Accessible.name: qsTr("Conversation actions")
                        onClicked: menu.popup()
                        Menu {
                            id: menu
                            MenuItem {
                                text: qsTr("Rename")
                                onTriggered: {
                                    row.editing = true
                                    renameField.forceActiveFocus()
                                    renameField.selectAll()
                                }
                            }
                            MenuItem {
                                text: qsTr("Export as Markdown…")
                                onTriggered: sidebar.exportConversations(row.conversationId, "markdown")
                            }
                            MenuItem {
                                text: qsTr("Export as JSON…")
                                onTriggered: sidebar.exportConversations(row.conversationId, "json")
                            }
                            MenuItem {
                                text: qsTr("Delete")
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
            icon.name: "configure"
            onClicked: sidebar.settingsRequested()
        }
    }
}
