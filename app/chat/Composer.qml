import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Muxi.Workbench.Common
import Muxi.Workbench.Settings
import Muxi.Workbench.Attachments
import Muxi.Workbench.Chat

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

    // What the target models lack for the attachments ("vision", "audio"), shown as chips.
    readonly property var missingCapabilities: {
        if (!hasAttachments || !composer.workbench)
            return []
        var missing = []
        for (var i = 0; i < targetModels.length; ++i) {
            var has = composer.workbench.models.capabilitiesOf(targetModels[i])
            if (attachments.hasImages && has.indexOf("vision") < 0 && missing.indexOf("vision") < 0)
                missing.push("vision")
            if (attachments.hasAudio && has.indexOf("audio") < 0 && missing.indexOf("audio") < 0)
                missing.push("audio")
        }
        return missing
    }
    // A single conversation (not a comparison) has a context meter and settings of its own.
    readonly property bool singleConversation: controller !== null && controller !== undefined
                                               && controller.model !== undefined && controller.stopAll === undefined
    readonly property alias contextMeter: meter
    readonly property alias modelPicker: picker
    // The context window would overflow: sending is held back, with the meter's reason.
    readonly property bool overLimit: singleConversation && meter.overLimit

    // Opens the model picker with its search focused (the shell's Ctrl+K).
    function openModelPicker() {
        if (picker.visible)
            picker.open()
    }

    function openConversationSettings() {
        if (composer.singleConversation && controller.options !== undefined)
            settingsPanel.open()
    }

    ContextMeter {
        id: meter
        model: composer.singleConversation ? composer.controller.model : ""
        messages: composer.singleConversation && composer.controller.messages !== undefined ? composer.controller.messages : null
        systemPrompt: composer.singleConversation && composer.controller.options !== undefined
                      ? composer.controller.options.systemPrompt : ""
        draft: input.text
        attachments: composer.attachments
        models: composer.workbench ? composer.workbench.models : null
    }

    ConversationSettingsPanel {
        id: settingsPanel
        controller: composer.singleConversation && composer.controller.options !== undefined ? composer.controller : null
    }

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
        if (overLimit)
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

        RowLayout {
            Layout.fillWidth: true
            spacing: 8
            ModelPicker {
                id: picker
                objectName: "modelPicker"
                visible: composer.showModelPicker
                Layout.fillWidth: true
                controller: composer.controller
                workbench: composer.workbench
            }
            Item {
                visible: !composer.showModelPicker
                Layout.fillWidth: true
            }
            // How full the context window would be with this message.
            ColumnLayout {
                objectName: "contextMeterView"
                visible: composer.singleConversation && meter.counted
                spacing: 2
                Label {
                    objectName: "contextMeter"
                    Layout.alignment: Qt.AlignRight
                    text: meter.summary
                    font.pixelSize: 11
                    color: meter.overLimit ? Theme.errorText : Theme.mutedText
                    ToolTip.visible: meterHover.hovered
                    ToolTip.text: meter.exact ? qsTr("Counted with %1, the model's own tokenizer").arg(meter.encoding)
                                              : qsTr("An estimate (%1): this model's tokenizer is not known, or attachments are included").arg(meter.encoding)
                    Accessible.role: Accessible.StaticText
                    Accessible.name: qsTr("Context used: %1").arg(meter.summary)
                    HoverHandler { id: meterHover }
                }
                ProgressBar {
                    objectName: "contextMeterBar"
                    visible: meter.contextWindow > 0
                    Layout.preferredWidth: 120
                    Layout.alignment: Qt.AlignRight
                    from: 0
                    to: 1
                    value: Math.min(1, meter.fraction)
                    Accessible.name: qsTr("Context window used")
                }
            }
            IconButton {
                objectName: "conversationSettingsButton"
                visible: composer.singleConversation && composer.controller.options !== undefined
                iconName: "settings"
                text: qsTr("Conversation settings: system prompt, temperature, top-p, token limit, JSON mode")
                onClicked: composer.openConversationSettings()
            }
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

        Rectangle {
            visible: composer.capabilityWarning.length > 0
            Layout.fillWidth: true
            implicitHeight: warningLayout.implicitHeight + 12
            radius: 6
            color: Theme.warningBackground
            ColumnLayout {
                id: warningLayout
                anchors.fill: parent
                anchors.margins: 6
                spacing: 4
                Label {
                    objectName: "capabilityWarning"
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                    color: Theme.text
                    text: composer.capabilityWarning
                }
                CapabilityChips {
                    objectName: "missingCapabilities"
                    Layout.fillWidth: true
                    missing: true
                    capabilities: composer.missingCapabilities
                }
            }
        }

        Label {
            objectName: "contextWarning"
            visible: composer.overLimit
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            padding: 6
            color: Theme.text
            text: meter.warning
            background: Rectangle {
                radius: 6
                color: Theme.errorBackground
            }
            Accessible.role: Accessible.AlertMessage
            Accessible.name: text
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
                Accessible.onPressAction: clicked()
                highlighted: !composer.streaming
                enabled: composer.streaming || ((input.text.trim().length > 0 || composer.hasAttachments) && !composer.overLimit)
                onClicked: composer.streaming ? composer.stop() : composer.submit()
                ToolTip.visible: composer.overLimit && hovered
                ToolTip.text: qsTr("Too long for the model's context window")
                Accessible.name: text
                Accessible.description: composer.overLimit ? meter.warning
                                        : composer.streaming ? qsTr("Stops the answer (Esc)") : qsTr("Sends the message (Enter)")
            }
        }
    }
}
