import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Muxi.Workbench.Common

// Settings → Tools: the MCP servers, each with its status and tools, an
// editor to add or change one, and import of an "mcpServers" JSON.
ColumnLayout {
    id: toolsSettings

    // The shell's Workbench, handed in: this module does not import the shell.
    property var workbench: null
    readonly property var servers: workbench ? workbench.tools : null
    // -2: no editor; -1: a new server; otherwise the row being edited.
    property int editingRow: -2
    property bool importing: false
    spacing: 10

    function edit(row, entry) {
        editingRow = row
        importing = false
        nameField.text = entry ? entry.name : ""
        transportBox.currentIndex = entry && entry.transport === "http" ? 1 : 0
        commandField.text = entry ? entry.command : ""
        environmentArea.text = entry ? entry.environment : ""
        urlField.text = entry ? entry.url : ""
        headersArea.text = entry ? entry.headers : ""
        editorError.text = ""
    }

    function saveEditor() {
        var http = transportBox.currentIndex === 1
        var spec = {
            name: nameField.text,
            command: http ? "" : commandField.text,
            url: http ? urlField.text : "",
            environment: http ? "" : environmentArea.text,
            headers: http ? headersArea.text : ""
        }
        var ok = editingRow === -1 ? servers.addServer(spec) >= 0 : servers.updateServer(editingRow, spec)
        if (ok)
            editingRow = -2
        else
            editorError.text = servers.lastError()
    }

    RowLayout {
        Layout.fillWidth: true
        Label {
            Layout.fillWidth: true
            text: qsTr("Tools from MCP servers are offered to the model in the chat. Each call asks you first unless you allowed the tool always.")
            wrapMode: Text.Wrap
            color: Theme.mutedText
        }
        Button {
            objectName: "addServerButton"
            text: qsTr("Add server")
            icon.source: Theme.icon("plus")
            icon.color: Theme.text
            Accessible.onPressAction: clicked()
            Accessible.name: qsTr("Add an MCP server")
            onClicked: toolsSettings.edit(-1, null)
        }
        Button {
            objectName: "importServersButton"
            text: qsTr("Import JSON…")
            icon.source: Theme.icon("upload")
            icon.color: Theme.text
            Accessible.onPressAction: clicked()
            Accessible.name: qsTr("Import servers from mcpServers JSON")
            onClicked: {
                toolsSettings.editingRow = -2
                toolsSettings.importing = !toolsSettings.importing
                importStatus.text = ""
            }
        }
    }

    RowLayout {
        Label {
            text: qsTr("Tool steps per answer")
            color: Theme.mutedText
        }
        SpinBox {
            objectName: "maxStepsSpin"
            from: 1
            to: 100
            editable: true
            value: toolsSettings.servers ? toolsSettings.servers.maxSteps : 10
            Accessible.name: qsTr("Tool steps per answer")
            onValueModified: toolsSettings.servers.maxSteps = value
        }
    }

    Label {
        objectName: "toolsKeychainError"
        Layout.fillWidth: true
        visible: text.length > 0
        text: toolsSettings.servers ? toolsSettings.servers.keychainError : ""
        color: Theme.errorText
        wrapMode: Text.Wrap
    }

    // Import: paste the JSON or read it from a file.
    Rectangle {
        objectName: "importPanel"
        Layout.fillWidth: true
        visible: toolsSettings.importing
        implicitHeight: importColumn.implicitHeight + 20
        radius: 8
        color: Theme.surface
        border.color: Theme.border
        ColumnLayout {
            id: importColumn
            x: 10
            y: 10
            width: parent.width - 20
            Label {
                text: qsTr("Paste the \"mcpServers\" JSON of Claude Desktop or Cursor:")
                color: Theme.text
            }
            ScrollView {
                Layout.fillWidth: true
                Layout.preferredHeight: 110
                TextArea {
                    id: importArea
                    objectName: "importArea"
                    font.family: "monospace"
                    wrapMode: TextEdit.Wrap
                    placeholderText: "{\"mcpServers\": {\"name\": {\"command\": \"npx\", \"args\": [\"-y\", \"…\"]}}}"
                    Accessible.name: qsTr("mcpServers JSON to import")
                    // Tab moves to the next control, as everywhere else, instead of typing a tab.
                    Keys.onTabPressed: nextItemInFocusChain(true).forceActiveFocus(Qt.TabFocusReason)
                    Keys.onBacktabPressed: nextItemInFocusChain(false).forceActiveFocus(Qt.BacktabFocusReason)
                }
            }
            RowLayout {
                Button {
                    objectName: "importConfirmButton"
                    text: qsTr("Import")
                    icon.source: Theme.icon("check")
                    icon.color: Theme.text
                    Accessible.onPressAction: clicked()
                    highlighted: true
                    Accessible.name: qsTr("Import the pasted JSON")
                    onClicked: {
                        var added = toolsSettings.servers.importJson(importArea.text)
                        importStatus.failed = added < 0
                        importStatus.text = added < 0 ? toolsSettings.servers.lastError()
                                                      : (added === 1 ? qsTr("Imported 1 server.") : qsTr("Imported %1 servers.").arg(added))
                        if (added >= 0)
                            importArea.text = ""
                    }
                }
                Button {
                    text: qsTr("From file…")
                    icon.source: Theme.icon("file-text")
                    icon.color: Theme.text
                    Accessible.onPressAction: clicked()
                    Accessible.name: qsTr("Import servers from a JSON file")
                    onClicked: importDialog.open()
                }
                Label {
                    id: importStatus
                    objectName: "importStatus"
                    property bool failed: false
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                    color: failed ? Theme.errorText : Theme.okText
                }
            }
        }
    }

    FileDialog {
        id: importDialog
        title: qsTr("Import MCP servers")
        nameFilters: [qsTr("JSON files (*.json)"), qsTr("All files (*)")]
        onAccepted: {
            var added = toolsSettings.servers.importFile(selectedFile)
            importStatus.failed = added < 0
            importStatus.text = added < 0 ? toolsSettings.servers.lastError() : (added === 1 ? qsTr("Imported 1 server.") : qsTr("Imported %1 servers.").arg(added))
        }
    }

    // The editor for a new or an existing server.
    Rectangle {
        objectName: "serverEditor"
        Layout.fillWidth: true
        visible: toolsSettings.editingRow !== -2
        implicitHeight: editorGrid.implicitHeight + 20
        radius: 8
        color: Theme.surface
        border.color: Theme.accent
        GridLayout {
            id: editorGrid
            x: 10
            y: 10
            width: parent.width - 20
            columns: 2
            columnSpacing: 12
            rowSpacing: 8
            Label { text: qsTr("Name"); color: Theme.mutedText }
            TextField {
                id: nameField
                objectName: "serverNameField"
                Layout.fillWidth: true
                placeholderText: qsTr("Derived from the command or URL when empty")
                Accessible.name: qsTr("Server name")
            }
            Label { text: qsTr("Connection"); color: Theme.mutedText }
            ComboBox {
                id: transportBox
                objectName: "serverTransportBox"
                model: [qsTr("Command (stdio)"), qsTr("URL (Streamable HTTP)")]
                Accessible.name: qsTr("Connection type")
            }
            Label { text: qsTr("Command"); color: Theme.mutedText; visible: transportBox.currentIndex === 0 }
            TextField {
                id: commandField
                objectName: "serverCommandField"
                visible: transportBox.currentIndex === 0
                Layout.fillWidth: true
                font.family: "monospace"
                placeholderText: "npx -y @modelcontextprotocol/server-everything"
                Accessible.name: qsTr("Command and arguments")
            }
            Label {
                text: qsTr("Environment")
                color: Theme.mutedText
                visible: transportBox.currentIndex === 0
                Layout.alignment: Qt.AlignTop
            }
            TextArea {
                id: environmentArea
                objectName: "serverEnvironmentArea"
                visible: transportBox.currentIndex === 0
                Layout.fillWidth: true
                Layout.preferredHeight: 60
                font.family: "monospace"
                placeholderText: qsTr("NAME=value, one per line (secrets go to the keychain)")
                Accessible.name: qsTr("Environment variables")
                // Tab moves to the next control, as everywhere else, instead of typing a tab.
                Keys.onTabPressed: nextItemInFocusChain(true).forceActiveFocus(Qt.TabFocusReason)
                Keys.onBacktabPressed: nextItemInFocusChain(false).forceActiveFocus(Qt.BacktabFocusReason)
            }
            Label { text: qsTr("URL"); color: Theme.mutedText; visible: transportBox.currentIndex === 1 }
            TextField {
                id: urlField
                objectName: "serverUrlField"
                visible: transportBox.currentIndex === 1
                Layout.fillWidth: true
                placeholderText: "https://example.com/mcp"
                Accessible.name: qsTr("Server URL")
            }
            Label {
                text: qsTr("Headers")
                color: Theme.mutedText
                visible: transportBox.currentIndex === 1
                Layout.alignment: Qt.AlignTop
            }
            TextArea {
                id: headersArea
                objectName: "serverHeadersArea"
                visible: transportBox.currentIndex === 1
                Layout.fillWidth: true
                Layout.preferredHeight: 60
                font.family: "monospace"
                placeholderText: qsTr("Name: value, one per line (tokens go to the keychain)")
                Accessible.name: qsTr("HTTP headers")
                // Tab moves to the next control, as everywhere else, instead of typing a tab.
                Keys.onTabPressed: nextItemInFocusChain(true).forceActiveFocus(Qt.TabFocusReason)
                Keys.onBacktabPressed: nextItemInFocusChain(false).forceActiveFocus(Qt.BacktabFocusReason)
            }
            Label {
                id: editorError
                objectName: "serverEditorError"
                Layout.columnSpan: 2
                Layout.fillWidth: true
                visible: text.length > 0
                color: Theme.errorText
                wrapMode: Text.Wrap
            }
            RowLayout {
                Layout.columnSpan: 2
                Layout.alignment: Qt.AlignRight
                Button {
                    text: qsTr("Cancel")
                    icon.source: Theme.icon("x")
                    icon.color: Theme.text
                    Accessible.onPressAction: clicked()
                    flat: true
                    Accessible.name: qsTr("Cancel editing the server")
                    onClicked: toolsSettings.editingRow = -2
                }
                Button {
                    objectName: "serverSaveButton"
                    text: toolsSettings.editingRow === -1 ? qsTr("Add") : qsTr("Save")
                    icon.source: Theme.icon("save")
                    icon.color: Theme.text
                    Accessible.onPressAction: clicked()
                    highlighted: true
                    Accessible.name: toolsSettings.editingRow === -1 ? qsTr("Add the server") : qsTr("Save the server")
                    onClicked: toolsSettings.saveEditor()
                }
            }
        }
    }

    Label {
        objectName: "noServersLabel"
        visible: serverList.count === 0
        Layout.fillWidth: true
        text: qsTr("No MCP server yet. Add one, or import the JSON you use with Claude Desktop or Cursor.")
        color: Theme.mutedText
        wrapMode: Text.Wrap
    }

    ListView {
        id: serverList
        objectName: "serverList"
        Layout.fillWidth: true
        Layout.fillHeight: true
        clip: true
        spacing: 8
        model: toolsSettings.servers
        ScrollBar.vertical: ScrollBar {}

        delegate: Rectangle {
            id: card
            required property int index
            required property string name
            required property string transport
            required property string command
            required property string environment
            required property string url
            required property string headers
            required property bool serverEnabled
            required property string serverState
            required property string statusText
            required property int toolCount
            required property var tools
            property bool toolsShown: false

            objectName: "serverCard_" + name
            width: ListView.view.width - 12
            implicitHeight: cardColumn.implicitHeight + 20
            radius: 8
            color: Theme.surface
            border.color: card.serverState === "failed" ? Theme.errorText : Theme.border

            ColumnLayout {
                id: cardColumn
                x: 10
                y: 10
                width: parent.width - 20
                spacing: 4
                RowLayout {
                    Layout.fillWidth: true
                    Switch {
                        objectName: "serverEnabledSwitch"
                        checked: card.serverEnabled
                        Accessible.name: qsTr("Enable server %1").arg(card.name)
                        Accessible.onPressAction: { toggle(); toggled() }
                        onToggled: toolsSettings.servers.setServerEnabled(card.index, checked)
                    }
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 0
                        Label {
                            text: card.name
                            font.weight: Font.DemiBold
                            color: Theme.text
                        }
                        Label {
                            Layout.fillWidth: true
                            text: card.transport === "http" ? card.url : card.command
                            font.family: "monospace"
                            font.pixelSize: 12
                            color: Theme.mutedText
                            elide: Text.ElideMiddle
                        }
                    }
                    ToolButton {
                        objectName: "serverToolsButton"
                        visible: card.toolCount > 0
                        text: card.toolsShown ? qsTr("Hide tools") : qsTr("Tools (%1)").arg(card.toolCount)
                        icon.source: Theme.icon("wrench")
                        icon.color: Theme.text
                        Accessible.onPressAction: clicked()
                        Accessible.name: card.toolsShown ? qsTr("Hide the tools of %1").arg(card.name)
                                                         : qsTr("Show the tools of %1").arg(card.name)
                        onClicked: card.toolsShown = !card.toolsShown
                    }
                    ToolButton {
                        objectName: "serverRestartButton"
                        text: qsTr("Restart")
                        icon.source: Theme.icon("rotate-ccw")
                        icon.color: Theme.text
                        Accessible.onPressAction: clicked()
                        enabled: card.serverEnabled
                        Accessible.name: qsTr("Restart server %1").arg(card.name)
                        onClicked: toolsSettings.servers.restartServer(card.index)
                    }
                    ToolButton {
                        objectName: "serverEditButton"
                        text: qsTr("Edit")
                        icon.source: Theme.icon("pencil")
                        icon.color: Theme.text
                        Accessible.onPressAction: clicked()
                        Accessible.name: qsTr("Edit server %1").arg(card.name)
                        onClicked: toolsSettings.edit(card.index, card)
                    }
                    ToolButton {
                        objectName: "serverRemoveButton"
                        text: qsTr("Remove")
                        icon.source: Theme.icon("trash-2")
                        icon.color: Theme.text
                        Accessible.onPressAction: clicked()
                        Accessible.name: qsTr("Remove server %1").arg(card.name)
                        onClicked: toolsSettings.servers.removeServer(card.index)
                    }
                }
                RowLayout {
                    Layout.fillWidth: true
                    BusyIndicator {
                        visible: card.serverState === "starting"
                        running: visible
                        implicitWidth: 16
                        implicitHeight: 16
                    }
                    Label {
                        objectName: "serverStatus"
                        Layout.fillWidth: true
                        text: card.statusText
                        wrapMode: Text.Wrap
                        maximumLineCount: 8
                        elide: Text.ElideRight
                        font.pixelSize: 12
                        color: card.serverState === "failed" ? Theme.errorText : card.serverState === "ready" ? Theme.okText : Theme.mutedText
                    }
                }
                Repeater {
                    model: card.toolsShown ? card.tools : []
                    delegate: RowLayout {
                        required property var modelData
                        Layout.fillWidth: true
                        Layout.leftMargin: 24
                        CheckBox {
                            objectName: "toolEnabled_" + modelData.name
                            text: modelData.name
                            checked: modelData.enabled
                            Accessible.name: qsTr("Offer tool %1").arg(modelData.name)
                            Accessible.onPressAction: { toggle(); toggled() }
                            onToggled: toolsSettings.servers.setToolEnabled(card.index, modelData.name, checked)
                        }
                        Label {
                            Layout.fillWidth: true
                            text: modelData.description
                            color: Theme.mutedText
                            font.pixelSize: 12
                            elide: Text.ElideRight
                        }
                        CheckBox {
                            objectName: "toolAlways_" + modelData.name
                            text: qsTr("Always allow")
                            checked: modelData.always
                            Accessible.name: qsTr("Always allow tool %1 without asking").arg(modelData.name)
                            Accessible.onPressAction: { toggle(); toggled() }
                            onToggled: toolsSettings.servers.setToolAlwaysAllowed(card.index, modelData.name, checked)
                        }
                    }
                }
            }
        }
    }
}
