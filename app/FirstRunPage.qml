import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muxi.Workbench
import Muxi.Workbench.Common

// Shown until a provider is usable: how to add a key, and any local server
// (Ollama, llama.cpp…) already running, which needs no key.
Item {
    id: firstRun

    signal done()
    signal addKeyRequested()

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - 60, 560)
        spacing: 14

        Label {
            Layout.fillWidth: true
            text: qsTr("Welcome to Muxi Workbench")
            font.pixelSize: 26
            font.weight: Font.DemiBold
            color: Theme.text
        }
        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            color: Theme.text
            text: qsTr("Muxi talks to many model providers through one interface. To chat with a hosted model, add that "
                       + "provider's API key in Settings → Providers; it is stored in your system keychain and nowhere else. "
                       + "You can also set keys as environment variables (for example OPENAI_API_KEY) before starting.")
        }

        Label {
            Layout.fillWidth: true
            text: qsTr("Local servers")
            font.weight: Font.DemiBold
            color: Theme.text
        }
        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            color: Theme.mutedText
            visible: Workbench.providers.detectedLocalServers.length === 0
            text: Workbench.probing ? qsTr("Looking for Ollama and llama.cpp on this computer…")
                                    : qsTr("No local server answered. Start Ollama (port 11434) or llama.cpp's server (port 8080) and look again; they need no key.")
        }
        Repeater {
            objectName: "detectedServers"
            model: Workbench.providers.detectedLocalServers
            delegate: RowLayout {
                required property string modelData
                Layout.fillWidth: true
                Label {
                    Layout.fillWidth: true
                    text: qsTr("%1 is running and needs no key.").arg(Workbench.providers.nameOf(modelData))
                    color: Theme.okText
                }
                Button {
                    text: qsTr("Use %1").arg(Workbench.providers.nameOf(modelData))
                    highlighted: true
                    icon.source: Theme.icon("check")
                    icon.color: Theme.text
                    Accessible.onPressAction: clicked()
                    onClicked: {
                        var model = Workbench.models.firstModelOf(modelData)
                        if (model.length > 0)
                            Workbench.chat.model = model
                        firstRun.done()
                    }
                }
            }
        }

        RowLayout {
            Layout.fillWidth: true
            spacing: 8
            Button {
                objectName: "addKeyButton"
                text: qsTr("Add an API key")
                highlighted: true
                icon.source: Theme.icon("key-round")
                icon.color: Theme.text
                Accessible.onPressAction: clicked()
                onClicked: firstRun.addKeyRequested()
            }
            Button {
                text: qsTr("Look for local servers again")
                icon.source: Theme.icon("refresh-cw")
                icon.color: Theme.text
                Accessible.onPressAction: clicked()
                enabled: !Workbench.probing
                onClicked: Workbench.probeLocalServers()
            }
            Item { Layout.fillWidth: true }
            Button {
                objectName: "skipButton"
                text: qsTr("Skip")
                flat: true
                icon.source: Theme.icon("chevron-right")
                icon.color: Theme.text
                Accessible.description: qsTr("Go to the chat without adding a key")
                Accessible.onPressAction: clicked()
                onClicked: firstRun.done()
            }
        }
    }
}
