import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muxi.Workbench

// Where a message is written: Enter sends, Shift+Enter adds a line, and
// while an answer streams the send button becomes a stop button.
Rectangle {
    id: composer

    property var controller
    readonly property alias input: input
    readonly property bool streaming: controller ? controller.streaming : false

    function submit() {
        if (streaming || input.text.trim().length === 0)
            return
        if (controller.send(input.text))
            input.clear()
    }

    implicitHeight: layout.implicitHeight + 20
    color: Theme.window

    Rectangle {
        anchors.top: parent.top
        width: parent.width
        height: 1
        color: Theme.border
    }

    ColumnLayout {
        id: layout
        anchors.fill: parent
        anchors.margins: 10
        spacing: 6

        ModelPicker {
            objectName: "modelPicker"
            Layout.fillWidth: true
            controller: composer.controller
        }

        RowLayout {
            Layout.fillWidth: true
            spacing: 8

            ScrollView {
                Layout.fillWidth: true
                Layout.preferredHeight: Math.min(Math.max(input.implicitHeight, 44), 180)
                TextArea {
                    id: input
                    objectName: "composerInput"
                    placeholderText: qsTr("Message (Enter to send, Shift+Enter for a new line)")
                    wrapMode: TextEdit.Wrap
                    color: Theme.text
                    background: Rectangle {
                        radius: 8
                        color: Theme.surface
                        border.color: input.activeFocus ? Theme.accent : Theme.border
                    }
                    Keys.onPressed: function(event) {
                        if ((event.key === Qt.Key_Return || event.key === Qt.Key_Enter)
                                && !(event.modifiers & Qt.ShiftModifier)) {
                            event.accepted = true
                            composer.submit()
                        }
                    }
                }
            }

            Button {
                id: sendButton
                objectName: composer.streaming ? "stopButton" : "sendButton"
                Layout.alignment: Qt.AlignBottom
                text: composer.streaming ? qsTr("Stop") : qsTr("Send")
                highlighted: !composer.streaming
                enabled: composer.streaming || input.text.trim().length > 0
                onClicked: composer.streaming ? composer.controller.stop() : composer.submit()
            }
        }
    }
}
