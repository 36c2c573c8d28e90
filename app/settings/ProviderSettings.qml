import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muxi.Workbench.Common
import Muxi.Workbench.Settings

// Every provider: enable, base URL, API key (kept in the keychain), test.
ColumnLayout {
    id: providerSettings

    // The shell's Workbench, handed in: this module does not import the shell.
    property var workbench: null
    spacing: 10

    Rectangle {
        objectName: "keychainStatus"
        Layout.fillWidth: true
        visible: providerSettings.workbench?.keys.statusText.length > 0
        implicitHeight: keychainLabel.implicitHeight + 16
        radius: 6
        color: providerSettings.workbench?.keys.state === KeyStore.Unavailable ? Theme.warningBackground : Theme.surface
        border.color: Theme.border
        Label {
            id: keychainLabel
            anchors.fill: parent
            anchors.margins: 8
            wrapMode: Text.Wrap
            color: Theme.text
            text: providerSettings.workbench?.keys.statusText
        }
    }

    ListView {
        id: providerList
        objectName: "providerList"
        Layout.fillWidth: true
        Layout.fillHeight: true
        clip: true
        spacing: 8
        model: providerSettings.workbench?.providers
        ScrollBar.vertical: ScrollBar {}

        delegate: Rectangle {
            id: card
            required property string providerId
            required property string name
            required property string status
            required property string statusNote
            required property var capabilities
            required property bool requiresKey
            required property bool keyConfigured
            required property string keySource
            required property bool local
            required property bool localDetected
            required property bool enabled
            required property string baseUrl
            required property string defaultBaseUrl
            required property string testState
            required property string testMessage

            objectName: "provider-" + providerId
            width: ListView.view.width - 12
            implicitHeight: cardLayout.implicitHeight + 20
            radius: 8
            color: Theme.surface
            border.color: Theme.border

            ColumnLayout {
                id: cardLayout
                x: 12
                y: 10
                width: card.width - 24
                spacing: 6

                RowLayout {
                    Layout.fillWidth: true
                    spacing: 8
                    Label {
                        text: card.name
                        font.weight: Font.DemiBold
                        color: Theme.text
                    }
                    Badge {
                        visible: card.status !== "live"
                        text: card.status
                    }
                    Badge {
                        visible: card.local
                        text: card.localDetected ? qsTr("running") : qsTr("local")
                        color: card.localDetected ? Theme.okText : Theme.mutedText
                    }
                    Label {
                        Layout.fillWidth: true
                        elide: Text.ElideRight
                        font.pixelSize: 12
                        color: Theme.mutedText
                        text: card.capabilities.join(" · ")
                    }
                    Switch {
                        objectName: "enabledSwitch"
                        checked: card.enabled
                        text: qsTr("Enabled")
                        Accessible.name: qsTr("Enable %1").arg(card.name)
                        Accessible.onPressAction: { toggle(); toggled() }
                        onToggled: providerSettings.workbench?.providers.setEnabled(card.providerId, checked)
                    }
                }

                Label {
                    visible: card.statusNote.length > 0
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                    font.pixelSize: 12
                    color: Theme.mutedText
                    text: card.statusNote
                }

                GridLayout {
                    Layout.fillWidth: true
                    columns: 3
                    columnSpacing: 8
                    rowSpacing: 6

                    Label {
                        text: qsTr("Base URL")
                        color: Theme.mutedText
                    }
                    TextField {
                        objectName: "baseUrlField"
                        Layout.fillWidth: true
                        Layout.columnSpan: 2
                        placeholderText: card.defaultBaseUrl
                        Accessible.name: qsTr("Base URL of %1").arg(card.name)
                        Accessible.description: qsTr("Empty: %1").arg(card.defaultBaseUrl)
                        text: card.baseUrl === card.defaultBaseUrl ? "" : card.baseUrl
                        onEditingFinished: if (text !== (card.baseUrl === card.defaultBaseUrl ? "" : card.baseUrl))
                                               providerSettings.workbench?.providers.setBaseUrl(card.providerId, text)
                    }

                    Label {
                        visible: card.requiresKey
                        text: qsTr("API key")
                        color: Theme.mutedText
                    }
                    TextField {
                        id: keyField
                        objectName: "apiKeyField"
                        visible: card.requiresKey
                        Layout.fillWidth: true
                        echoMode: showKey.checked ? TextInput.Normal : TextInput.Password
                        Accessible.name: qsTr("API key of %1").arg(card.name)
                        Accessible.description: placeholderText
                        placeholderText: card.keyConfigured
                                         ? (card.keySource === "keychain" ? qsTr("Stored in the keychain")
                                                                         : qsTr("Set by %1").arg(card.keySource))
                                         : qsTr("Paste a key")
                        onAccepted: saveKey.clicked()
                    }
                    RowLayout {
                        visible: card.requiresKey
                        IconButton {
                            id: showKey
                            objectName: "showKeyButton"
                            checkable: true
                            iconName: checked ? "lock" : "eye"
                            text: checked ? qsTr("Hide the key") : qsTr("Show the key")
                            Accessible.onPressAction: toggle()
                        }
                        Button {
                            id: saveKey
                            objectName: "saveKeyButton"
                            text: qsTr("Save key")
                            icon.source: Theme.icon("save")
                            icon.color: Theme.text
                            Accessible.description: qsTr("Store the key of %1 in the system keychain").arg(card.name)
                            Accessible.onPressAction: clicked()
                            enabled: keyField.text.length > 0
                            onClicked: {
                                providerSettings.workbench?.providers.setApiKey(card.providerId, keyField.text)
                                keyField.clear()
                            }
                        }
                        Button {
                            objectName: "removeKeyButton"
                            visible: card.keySource === "keychain"
                            text: qsTr("Remove")
                            icon.source: Theme.icon("trash-2")
                            icon.color: Theme.text
                            Accessible.name: qsTr("Remove the key of %1").arg(card.name)
                            Accessible.onPressAction: clicked()
                            flat: true
                            onClicked: providerSettings.workbench?.providers.clearApiKey(card.providerId)
                        }
                    }
                }

                RowLayout {
                    Layout.fillWidth: true
                    Button {
                        objectName: "testButton"
                        text: qsTr("Test connection")
                        icon.source: Theme.icon("zap")
                        icon.color: Theme.text
                        Accessible.name: qsTr("Test the connection to %1").arg(card.name)
                        Accessible.onPressAction: clicked()
                        enabled: card.testState !== "running"
                        onClicked: providerSettings.workbench?.providers.testConnection(card.providerId)
                    }
                    Label {
                        objectName: "testResult"
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                        text: card.testMessage
                        color: card.testState === "failed" ? Theme.errorText : card.testState === "ok" ? Theme.okText : Theme.mutedText
                    }
                }
            }
        }
    }

    Connections {
        target: providerSettings.workbench?.providers
        function onKeySaved(providerId, stored, message) {
            keyToast.text = message
            keyToast.stored = stored
            keyToast.visible = true
            toastTimer.restart()
        }
    }

    Label {
        id: keyToast
        objectName: "keyToast"
        property bool stored: true
        // Said by a screen reader when it appears.
        Accessible.role: Accessible.AlertMessage
        Layout.fillWidth: true
        visible: false
        wrapMode: Text.Wrap
        color: stored ? Theme.okText : Theme.errorText
        Timer {
            id: toastTimer
            interval: 6000
            onTriggered: keyToast.visible = false
        }
    }
}
