import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Muxi.Workbench.Common
import Muxi.Workbench.Settings
import Muxi.Workbench.Attachments

// Where a message is written: Enter sends, Shift+Enter adds a line, and
// while an answer streams the send button becomes a stop button. Files come
// in from the picker, by drag and drop, by pasting an image, or from the
// microphone; they show as previews until sent.
Rectangle {
    id: composer

    // The shell's Workbench, handed in: this module does not import the shell.
    property var workbench: null

    property var controller
    // The ComposerAttachments collecting this composer's files.
    property var attachments: null
    property var recorder: composer.workbench ? composer.workbench.recorder : null
    property bool showModelPicker: true
    // The models the next message goes to, for the capability warning.
    property var targetModels: controller && controller.model !== undefined ? [controller.model] : []
    readonly property alias input: input
    readonly property bool streaming: controller ? controller.streaming : false
    readonly property bool hasAttachments: attachments !== null && attachments.count > 0
    // This composer started the recording under way, so the file comes here.
    property bool recordingHere: false

    readonly property string capabilityWarning: {
        if (!hasAttachments)
            return ""
        var lines = []
        for (var i = 0; i < targetModels.length; ++i) {
            var w = attachments.warningFor(targetModels[i])
            if (w.length > 0)
                lines.push(w)
        }
        return lines.join("\n")
    }

    function submit() {
        if (streaming)
            return
        var references = attachments ? attachments.references() : []
        if (input.text.trim().length === 0 && references.length === 0)
            return
        if (controller.send(input.text, references)) {
            input.clear()
            if (attachments)
                attachments.clear()
        }
    }

    function stop() {
        if (controller.stopAll !== undefined)
            controller.stopAll()
        else
            controller.stop()
    }

    // Up in an empty message field: the view opens the last message for editing.
    signal editLastRequested()
    readonly property alias attachDialog: fileDialog

    function focusInput() {
        input.forceActiveFocus(Qt.ShortcutFocusReason)
    }
    function openModelPicker() {
        if (composer.showModelPicker)
            picker.open()
    }
    function openAttachDialog() {
        if (composer.attachments !== null)
            fileDialog.open()
    }

    function attachFiles(urls) {
        return attachments ? attachments.addFiles(urls) : false
    }

    function toggleRecording() {
        if (recorder.recording) {
            recorder.stop()
            return
        }
        recordingHere = recorder.start()
    }

    implicitHeight: layout.implicitHeight + 20
    color: drop.containsDrag ? Theme.selection : Theme.window

    Rectangle {
        anchors.top: parent.top
        width: parent.width
        height: 1
        color: Theme.border
    }

    DropArea {
        id: drop
        anchors.fill: parent
        enabled: composer.attachments !== null
        onDropped: function(event) {
            if (event.hasUrls) {
                composer.attachFiles(event.urls)
                event.acceptProposedAction()
            }
        }
    }

    FileDialog {
        id: fileDialog
        title: qsTr("Attach images or audio")
        fileMode: FileDialog.OpenFiles
        nameFilters: [qsTr("Images and audio (*.png *.jpg *.jpeg *.gif *.webp *.wav *.mp3)"), qsTr("All files (*)")]
        onAccepted: composer.attachFiles(selectedFiles)
    }

    Connections {
        target: composer.recorder
        function onRecorded(file) {
            if (composer.recordingHere && composer.attachments)
                composer.attachments.addFile(file)
            composer.recordingHere = false
        }
    }

    ColumnLayout {
        id: layout
        anchors.fill: parent
        anchors.margins: 10
        spacing: 6

        ModelPicker {
            id: picker
            objectName: "modelPicker"
            visible: composer.showModelPicker
            Layout.fillWidth: true
            controller: composer.controller
            workbench: composer.workbench
        }

        Flow {
            objectName: "attachmentStrip"
            visible: composer.hasAttachments
            Layout.fillWidth: true
            spacing: 6
            Repeater {
                model: composer.attachments
                delegate: AttachmentPreview {
                    required property int index
                    required property var model
                    objectName: "composerAttachment"
                    kind: model.kind
                    source: model.url
                    name: model.name
                    durationMs: model.durationMs
                    removable: true
                    onRemoveRequested: composer.attachments.remove(index)
                }
            }
        }

        Label {
            objectName: "attachmentError"
            visible: text.length > 0
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            color: Theme.errorText
            text: composer.attachments ? composer.attachments.errorString : ""
        }

        Label {
            objectName: "recorderError"
            visible: text.length > 0
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            color: Theme.errorText
            text: composer.recorder ? composer.recorder.errorString : ""
        }

        Label {
            objectName: "capabilityWarning"
            visible: text.length > 0
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            padding: 6
            color: Theme.text
            text: composer.capabilityWarning
            background: Rectangle {
                radius: 6
                color: Theme.warningBackground
            }
        }

        RowLayout {
            Layout.fillWidth: true
            spacing: 8

            ColumnLayout {
                visible: composer.attachments !== null
                Layout.alignment: Qt.AlignBottom
                spacing: 0
                IconButton {
                    objectName: "attachButton"
                    iconName: "paperclip"
                    text: qsTr("Attach")
                    Accessible.description: qsTr("Attach images or audio; you can also drop files here or paste an image")
                    onClicked: fileDialog.open()
                }
                IconButton {
                    objectName: "recordButton"
                    readonly property bool recording: composer.recorder !== null && composer.recorder.recording
                    iconName: recording ? "square" : "mic"
                    showText: recording
                    text: recording ? qsTr("Stop recording (%1 s)").arg(Math.floor(composer.recorder.durationMs / 1000))
                                    : qsTr("Record")
                    Accessible.description: qsTr("Record audio from the microphone and attach it")
                    onClicked: composer.toggleRecording()
                }
            }

            ScrollView {
                Layout.fillWidth: true
                Layout.preferredHeight: Math.min(Math.max(input.implicitHeight, 44), 180)
                TextArea {
                    id: input
                    objectName: "composerInput"
                    placeholderText: qsTr("Message (Enter to send, Shift+Enter for a new line)")
                    Accessible.name: qsTr("Message")
                    // Tab moves to the next control, as everywhere else, instead of typing a tab.
                    Keys.onTabPressed: nextItemInFocusChain(true).forceActiveFocus(Qt.TabFocusReason)
                    Keys.onBacktabPressed: nextItemInFocusChain(false).forceActiveFocus(Qt.BacktabFocusReason)
                    Accessible.description: qsTr("Enter sends, Shift+Enter starts a new line, Up in an empty field edits your last message")
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
                        } else if (event.matches(StandardKey.Paste) && composer.attachments
                                   && composer.attachments.clipboardHasImage()) {
                            event.accepted = true
                            composer.attachments.pasteImage()
                        } else if (event.key === Qt.Key_Up && event.modifiers === Qt.NoModifier
                                   && input.text.length === 0) {
                            event.accepted = true
                            composer.editLastRequested()
                        } else if (event.key === Qt.Key_K && event.modifiers === Qt.ControlModifier) {
                            // Where Ctrl+K deletes to the end of the line (X11, KDE, GNOME key
                            // schemes) the field takes it before the window's shortcut sees it.
                            event.accepted = true
                            composer.openModelPicker()
                        }
                    }
                }
            }

            Button {
                id: sendButton
                objectName: composer.streaming ? "stopButton" : "sendButton"
                Layout.alignment: Qt.AlignBottom
                text: composer.streaming ? qsTr("Stop") : qsTr("Send")
                icon.source: Theme.icon(composer.streaming ? "circle-stop" : "send")
                icon.color: Theme.text
                Accessible.description: composer.streaming ? qsTr("Stops the answer (Esc)") : qsTr("Sends the message (Enter)")
                Accessible.onPressAction: clicked()
                highlighted: !composer.streaming
                enabled: composer.streaming || input.text.trim().length > 0 || composer.hasAttachments
                onClicked: composer.streaming ? composer.stop() : composer.submit()
            }
        }
    }
}
