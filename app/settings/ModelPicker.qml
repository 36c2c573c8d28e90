import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muxi.Workbench.Common
import Muxi.Workbench.Settings

// Chooses the model: a button naming the chosen one (with what it can do)
// that opens a searchable list. Typing filters at once, the chips below the
// search keep only models with those capabilities, favourites (★) and the
// recently used come first; each row shows what the model can do, its context
// window and prices, and — greyed — why it cannot be used now. Up and Down
// move, Enter chooses (or adds a typed "provider/model"), Esc closes.
// open() opens it with the search focused, for a keyboard shortcut.
RowLayout {
    id: picker

    // The shell's Workbench, handed in: this module does not import the shell.
    property var workbench: null

    property var controller
    readonly property var models: picker.workbench ? picker.workbench.models : null
    readonly property alias popup: popup
    readonly property alias searchField: search
    readonly property alias listView: list
    readonly property alias filter: filter
    readonly property string currentModel: (picker.controller && picker.controller.model) || ""

    spacing: 8

    function open() {
        popup.open()
    }

    function choose(name) {
        if (!picker.controller || name.length === 0)
            return
        picker.controller.model = name
        if (picker.models)
            picker.models.noteUsed(name)
        popup.close()
    }

    function chooseCurrent() {
        if (list.currentIndex >= 0 && list.currentIndex < list.count) {
            choose(filter.nameAt(list.currentIndex))
            return
        }
        // Nothing matches: a typed "provider/model" is taken as it is.
        var typed = search.text.trim()
        if (typed.length > 0 && picker.models && picker.models.addModel(typed))
            choose(typed)
    }

    Label {
        text: qsTr("Model")
        color: Theme.mutedText
    }

    Button {
        id: button
        objectName: "modelButton"
        Layout.maximumWidth: 340
        text: picker.currentModel.length > 0 ? picker.currentModel : qsTr("Choose a model")
        icon.source: Theme.icon("chevron-down")
        icon.width: 14
        icon.height: 14
        icon.color: Theme.text
        LayoutMirroring.enabled: true
        display: AbstractButton.TextBesideIcon
        onClicked: picker.open()
        ToolTip.visible: hovered
        ToolTip.delay: 600
        ToolTip.text: qsTr("Choose the model (Ctrl+K)")
        Accessible.name: qsTr("Model: %1").arg(text)
        Accessible.description: qsTr("Opens the list of models to search and choose from")
        Accessible.onPressAction: picker.open()
    }

    CapabilityChips {
        objectName: "modelBadges"
        Layout.fillWidth: true
        compact: true
        capabilities: picker.models && picker.currentModel.length > 0 ? picker.models.capabilitiesOf(picker.currentModel) : []
    }

    BusyIndicator {
        visible: picker.models ? picker.models.loading : false
        running: visible
        implicitWidth: 20
        implicitHeight: 20
        Accessible.name: qsTr("Loading model listings")
    }

    ModelPickerFilter {
        id: filter
        models: picker.workbench ? picker.workbench.models : null
        search: search.text
    }

    Popup {
        id: popup
        objectName: "modelPopup"
        parent: Overlay.overlay
        anchors.centerIn: parent
        width: parent ? Math.min(680, parent.width - 32) : 600
        height: parent ? Math.min(560, parent.height - 32) : 480
        modal: true
        focus: true
        padding: 12
        closePolicy: Popup.CloseOnEscape | Popup.CloseOnPressOutside

        onOpened: {
            search.text = ""
            var row = filter.rowOf(picker.currentModel)
            list.currentIndex = row >= 0 ? row : 0
            list.positionViewAtIndex(list.currentIndex, ListView.Contain)
            search.forceActiveFocus()
        }

        background: Rectangle {
            radius: 10
            color: Theme.surface
            border.color: Theme.border
        }

        contentItem: ColumnLayout {
            spacing: 8

            RowLayout {
                Layout.fillWidth: true
                TextField {
                    id: search
                    objectName: "modelSearch"
                    Layout.fillWidth: true
                    placeholderText: qsTr("Search models, or type provider/model to add one")
                    Accessible.name: qsTr("Search models")
                    Accessible.description: qsTr("Up and Down move through the list, Enter chooses, Escape closes")
                    onTextChanged: list.currentIndex = list.count > 0 ? 0 : -1
                    Keys.onUpPressed: list.decrementCurrentIndex()
                    Keys.onDownPressed: list.incrementCurrentIndex()
                    Keys.onReturnPressed: picker.chooseCurrent()
                    Keys.onEnterPressed: picker.chooseCurrent()
                    Keys.onEscapePressed: popup.close()
                    Keys.onPressed: function(event) {
                        if (event.key === Qt.Key_PageDown) {
                            list.currentIndex = Math.min(list.count - 1, list.currentIndex + 8)
                            event.accepted = true
                        } else if (event.key === Qt.Key_PageUp) {
                            list.currentIndex = Math.max(0, list.currentIndex - 8)
                            event.accepted = true
                        }
                    }
                }
                IconButton {
                    objectName: "refreshModelsButton"
                    iconName: "refresh-cw"
                    text: qsTr("Ask the providers for their models again")
                    enabled: picker.models ? !picker.models.loading : false
                    onClicked: picker.models.refresh(true)
                }
            }

            Flow {
                objectName: "capabilityFilter"
                Layout.fillWidth: true
                spacing: 6
                Repeater {
                    model: ["vision", "audio", "tools", "json", "reasoning", "local"]
                    Button {
                        id: filterButton
                        required property string modelData
                        objectName: "filter_" + modelData
                        readonly property string words: chipWords.words(modelData)
                        checkable: true
                        checked: filter.capabilities.indexOf(modelData) >= 0
                        flat: !checked
                        text: words
                        icon.source: Theme.icon(chipWords.iconName(modelData))
                        icon.width: 14
                        icon.height: 14
                        icon.color: Theme.text
                        font.pixelSize: 12
                        onClicked: filter.toggleCapability(modelData)
                        Accessible.name: qsTr("Only models that: %1").arg(words)
                        Accessible.checkable: true
                        Accessible.checked: checked
                        Accessible.onPressAction: filter.toggleCapability(modelData)
                    }
                }
                // Only for its words and icons.
                CapabilityChips {
                    id: chipWords
                    visible: false
                }
            }

            ListView {
                id: list
                objectName: "modelList"
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                model: filter
                currentIndex: 0
                keyNavigationEnabled: true
                highlightMoveDuration: 0
                ScrollBar.vertical: ScrollBar {}
                Accessible.role: Accessible.List
                Accessible.name: qsTr("Models")
                Keys.onReturnPressed: picker.chooseCurrent()
                Keys.onEnterPressed: picker.chooseCurrent()
                Keys.onEscapePressed: popup.close()

                section.property: "section"
                section.delegate: Label {
                    required property string section
                    width: ListView.view.width
                    topPadding: 6
                    bottomPadding: 2
                    leftPadding: 4
                    font.pixelSize: 11
                    font.weight: Font.DemiBold
                    color: Theme.mutedText
                    text: section === "favourites" ? qsTr("Favourites")
                          : section === "recent" ? qsTr("Recently used") : qsTr("All models")
                }

                delegate: ItemDelegate {
                    id: row
                    required property int index
                    required property string name
                    required property string displayName
                    required property string providerName
                    required property var capabilities
                    required property real contextWindow
                    required property real inputPrice
                    required property real outputPrice
                    required property bool local
                    required property bool available
                    required property string unavailableReason
                    required property bool favourite

                    objectName: "modelRow"
                    width: ListView.view.width
                    highlighted: ListView.isCurrentItem
                    onClicked: picker.choose(name)

                    readonly property string details: {
                        var parts = []
                        if (contextWindow > 0)
                            parts.push(qsTr("%1 tokens of context").arg(Number(contextWindow).toLocaleString(Qt.locale(), "f", 0)))
                        if (inputPrice >= 0 && outputPrice >= 0)
                            parts.push(qsTr("$%1 in, $%2 out per million tokens")
                                       .arg(Number(inputPrice).toLocaleString(Qt.locale(), "f", 2))
                                       .arg(Number(outputPrice).toLocaleString(Qt.locale(), "f", 2)))
                        else if (inputPrice >= 0)
                            parts.push(qsTr("$%1 per million input tokens").arg(Number(inputPrice).toLocaleString(Qt.locale(), "f", 2)))
                        return parts.join(" · ")
                    }

                    Accessible.name: available ? qsTr("%1 from %2").arg(displayName).arg(providerName)
                                               : qsTr("%1 from %2, unavailable: %3").arg(displayName).arg(providerName).arg(unavailableReason)
                    Accessible.description: [chipsOf.Accessible.name, details].filter(function(s) { return s.length > 0 }).join("; ")
                    Accessible.onPressAction: picker.choose(name)

                    contentItem: RowLayout {
                        spacing: 8
                        IconButton {
                            objectName: "favouriteButton"
                            Layout.alignment: Qt.AlignTop
                            iconName: "star"
                            icon.color: row.favourite ? Theme.accent : Theme.mutedText
                            text: row.favourite ? qsTr("Remove %1 from favourites").arg(row.displayName)
                                                : qsTr("Add %1 to favourites").arg(row.displayName)
                            checkable: true
                            checked: row.favourite
                            focusPolicy: Qt.NoFocus
                            onClicked: picker.models.setFavourite(row.name, !row.favourite)
                        }
                        ColumnLayout {
                            Layout.fillWidth: true
                            spacing: 2
                            opacity: row.available ? 1 : 0.55
                            RowLayout {
                                Layout.fillWidth: true
                                spacing: 6
                                Label {
                                    text: row.displayName
                                    font.weight: Font.DemiBold
                                    color: Theme.text
                                    elide: Text.ElideRight
                                    Layout.maximumWidth: row.width * 0.45
                                }
                                Label {
                                    Layout.fillWidth: true
                                    text: row.name
                                    color: Theme.mutedText
                                    font.pixelSize: 12
                                    elide: Text.ElideRight
                                }
                            }
                            CapabilityChips {
                                id: chipsOf
                                Layout.fillWidth: true
                                capabilities: row.capabilities
                            }
                            Label {
                                objectName: "modelDetails"
                                visible: text.length > 0
                                Layout.fillWidth: true
                                text: row.details
                                font.pixelSize: 11
                                color: Theme.mutedText
                                elide: Text.ElideRight
                            }
                            Label {
                                objectName: "unavailableReason"
                                visible: !row.available
                                Layout.fillWidth: true
                                text: row.unavailableReason
                                font.pixelSize: 11
                                color: Theme.mutedText
                                font.italic: true
                                wrapMode: Text.Wrap
                            }
                        }
                    }
                }
            }

            Label {
                objectName: "noModelMatches"
                visible: list.count === 0
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                color: Theme.mutedText
                text: search.text.indexOf("/") > 0 ? qsTr("No model matches. Press Enter to use %1.").arg(search.text.trim())
                                                   : qsTr("No model matches.")
            }
        }
    }
}
