import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muxi.Workbench.Common

// Settings → Local server: on/off, port, the address to give other programs, live counts.
ColumnLayout {
    id: panel

    // The workbench's LocalServer, handed in by the settings page.
    property var server: null

    spacing: 12

    Switch {
        objectName: "localServerSwitch"
        text: qsTr("Serve the OpenAI and Anthropic APIs on this computer")
        checked: panel.server !== null && panel.server.running
        Accessible.onPressAction: { toggle(); toggled() }
        onToggled: panel.server.running = checked
    }

    RowLayout {
        spacing: 8
        Label {
            text: qsTr("Port")
            color: Theme.text
        }
        SpinBox {
            objectName: "localServerPort"
            from: 0
            to: 65535
            editable: true
            Accessible.name: qsTr("Port")
            Accessible.description: qsTr("0 picks a free port")
            value: panel.server ? panel.server.port : 4000
            onValueModified: panel.server.port = value
        }
    }

    RowLayout {
        spacing: 8
        Label {
            objectName: "localServerUrl"
            text: panel.server && panel.server.running ? panel.server.url : qsTr("Not running")
            color: panel.server && panel.server.running ? Theme.text : Theme.mutedText
            font.family: "monospace"
        }
        Button {
            objectName: "localServerCopyUrl"
            text: qsTr("Copy URL")
            icon.source: Theme.icon("copy")
            icon.color: Theme.text
            Accessible.description: qsTr("Copy the server's OpenAI base URL")
            Accessible.onPressAction: clicked()
            enabled: panel.server !== null && panel.server.running
            onClicked: panel.server.copyUrl()
        }
    }

    Label {
        objectName: "localServerRequests"
        visible: panel.server !== null && panel.server.running
        text: panel.server ? qsTr("%1 requests in progress, %2 answered").arg(panel.server.requestsInFlight).arg(panel.server.requestsServed) : ""
        color: Theme.mutedText
    }

    Label {
        objectName: "localServerError"
        Accessible.role: Accessible.AlertMessage
        visible: panel.server !== null && panel.server.error !== ""
        text: panel.server ? panel.server.error : ""
        color: Theme.errorText
        wrapMode: Text.WordWrap
        Layout.fillWidth: true
    }

    Label {
        text: qsTr("Only programs on this computer can connect (127.0.0.1). They are answered with the keys "
                   + "stored in the keychain: point an OpenAI or Anthropic SDK's base URL at the address above "
                   + "and name models as provider/model, for example groq/llama-3.3-70b-versatile.")
        color: Theme.mutedText
        wrapMode: Text.WordWrap
        Layout.fillWidth: true
    }

    Item { Layout.fillHeight: true }
}
